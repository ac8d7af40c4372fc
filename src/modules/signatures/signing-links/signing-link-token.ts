import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes in base64url: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A signing link's token: 256 bits from the CSPRNG, the only credential of a hosted signing page.
 * Like an API key it has enough entropy for a plain SHA-256 to be the right stored form.
 */
export function generateSigningToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSigningToken(token) };
}

export function hashSigningToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Whether it can be a token at all (no I/O): anything else is answered like an unknown token. */
export function isSigningTokenShaped(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && TOKEN_SHAPE.test(candidate);
}

/** The signer's page: `<PUBLIC_BASE_URL>/sign/<token>`. */
export function signingUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/sign/${token}`;
}
