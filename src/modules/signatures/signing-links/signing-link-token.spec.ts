import { generateSigningToken, hashSigningToken, isSigningTokenShaped, signingUrl } from './signing-link-token.js';

describe('signing-link tokens', () => {
  it('are 256 random bits in base64url, different each time, hashed with SHA-256', () => {
    const first = generateSigningToken();
    const second = generateSigningToken();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.token, 'base64url')).toHaveLength(32);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toHaveLength(32);
    expect(first.hash.equals(hashSigningToken(first.token))).toBe(true);
    expect(first.hash.toString('hex')).not.toContain(Buffer.from(first.token, 'base64url').toString('hex'));
  });

  it('recognise their shape without I/O', () => {
    expect(isSigningTokenShaped(generateSigningToken().token)).toBe(true);
    for (const bad of ['', 'short', 'x'.repeat(44), `${'x'.repeat(42)}=`, `${'x'.repeat(42)}/`, undefined, 42]) expect(isSigningTokenShaped(bad)).toBe(false);
  });

  it('make the signer\'s URL on the public origin', () => {
    expect(signingUrl('https://app.example.fr', 'abc')).toBe('https://app.example.fr/sign/abc');
  });
});
