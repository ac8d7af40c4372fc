import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * API keys: `fp_<environment>_<body><checksum>`. The body is 32 random bytes in base62 (43
 * characters); the checksum is CRC32 of everything before it, in 6 base62 characters. A mistyped or
 * truncated key fails the checksum and is refused without touching the database, and the fixed
 * shape lets secret scanners recognise a leaked key.
 */
export type KeyEnvironment = 'live' | 'sandbox';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const KEY_SHAPE = /^fp_(live|sandbox)_[0-9A-Za-z]{49}$/;
export const KEY_PREFIX_LENGTH = 12;

function base62(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(length, '0');
}

function checksum(text: string): string {
  return base62(BigInt(crc32(text)), CHECKSUM_LENGTH);
}

export interface GeneratedKey {
  plaintext: string;
  hash: Buffer;
  prefix: string;
  last4: string;
}

export function generateApiKey(environment: KeyEnvironment): GeneratedKey {
  const body = base62(BigInt(`0x${randomBytes(32).toString('hex')}`), BODY_LENGTH);
  const head = `fp_${environment}_${body}`;
  const plaintext = head + checksum(head);
  return { plaintext, hash: hashApiKey(plaintext), prefix: plaintext.slice(0, KEY_PREFIX_LENGTH), last4: plaintext.slice(-4) };
}

/** The environment of a well-formed key, or undefined for anything else (no I/O, constant shape check). */
export function parseApiKey(candidate: string): KeyEnvironment | undefined {
  const match = KEY_SHAPE.exec(candidate);
  if (!match) return undefined;
  const head = candidate.slice(0, -CHECKSUM_LENGTH);
  if (checksum(head) !== candidate.slice(-CHECKSUM_LENGTH)) return undefined;
  return match[1] as KeyEnvironment;
}

/** Keys carry 256 bits of entropy: a plain SHA-256 is the right hash, a slow KDF would only cost latency. */
export function hashApiKey(plaintext: string): Buffer {
  return createHash('sha256').update(plaintext).digest();
}
