import { createHmac } from 'node:crypto';
import { signatureHeader } from './webhook-signature.js';

describe('signatureHeader', () => {
  const body = '{"id":"0195f3c2-0000-7000-8000-000000000000","type":"ping","created_at":"2026-11-27T10:00:00.000Z","data":{}}';

  it('is t=<unix>,v1=<hex HMAC-SHA256 keyed by the secret string over "t.body">', () => {
    const secret = `whsec_${'ab'.repeat(32)}`;
    const expected = createHmac('sha256', secret).update(`1764237600.${body}`).digest('hex');
    expect(signatureHeader(1764237600, body, [secret])).toBe(`t=1764237600,v1=${expected}`);
  });

  it('carries one v1 per secret in force, the newest first', () => {
    const header = signatureHeader(1764237600, body, ['whsec_new', 'whsec_old']);
    expect(header.split(',').map((part) => part.split('=')[0])).toEqual(['t', 'v1', 'v1']);
    expect(header.split(',')[1]).toBe(`v1=${createHmac('sha256', 'whsec_new').update(`1764237600.${body}`).digest('hex')}`);
  });
});
