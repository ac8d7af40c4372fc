import { generateApiKey, hashApiKey, parseApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('generates keys that parse back to their environment', () => {
    for (const environment of ['live', 'sandbox'] as const) {
      const key = generateApiKey(environment);
      expect(key.plaintext).toMatch(new RegExp(`^fp_${environment}_[0-9A-Za-z]{49}$`));
      expect(parseApiKey(key.plaintext)).toBe(environment);
      expect(key.prefix).toBe(key.plaintext.slice(0, 12));
      expect(key.last4).toBe(key.plaintext.slice(-4));
      expect(key.hash.equals(hashApiKey(key.plaintext))).toBe(true);
    }
  });

  it('rejects a key with one character changed anywhere in its body (checksum)', () => {
    const { plaintext } = generateApiKey('live');
    let rejected = 0;
    for (let i = 'fp_live_'.length; i < plaintext.length; i++) {
      const swapped = plaintext[i] === 'a' ? 'b' : 'a';
      if (parseApiKey(plaintext.slice(0, i) + swapped + plaintext.slice(i + 1)) === undefined) rejected++;
    }
    expect(rejected).toBe(plaintext.length - 'fp_live_'.length);
  });

  it('rejects wrong shapes', () => {
    const { plaintext } = generateApiKey('live');
    for (const bad of ['', 'fp_live_', plaintext.slice(0, -1), `${plaintext}x`, plaintext.replace('live', 'test'), ` ${plaintext}`]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('live').plaintext));
    expect(keys.size).toBe(1000);
  });
});
