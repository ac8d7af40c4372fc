import { redactedPath } from './redacted-path.js';

describe('redactedPath', () => {
  it('masks a signing token wherever the path carries one, and nothing else', () => {
    const token = 'Ab3_-'.repeat(8) + 'xyz';
    expect(redactedPath(`/sign/${token}`)).toBe('/sign/[token]');
    expect(redactedPath(`/sign/${token}/validate`)).toBe('/sign/[token]/validate');
    expect(redactedPath('/sign/assets/signing-page.js')).toBe('/sign/assets/signing-page.js');
    expect(redactedPath('/api/leases/123/signature')).toBe('/api/leases/123/signature');
  });
});
