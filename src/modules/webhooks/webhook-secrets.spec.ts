import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/app-config.js';
import { generateWebhookSecret, generateWebhookSecretKey, WebhookSecretBox } from './webhook-secrets.js';

const OTHER_SECRETS = { OTP_SECRET: 'x'.repeat(32), PROOF_SIGNING_KEY: 'x', PDF_SEAL_KEY: 'x', PDF_SEAL_CERTIFICATE: 'x' };
const boxWith = (key: string | undefined) => WebhookSecretBox.fromConfig(loadConfig({ NODE_ENV: 'test', ...OTHER_SECRETS, ...(key === undefined ? {} : { WEBHOOK_SECRET_KEY: key }) }));
const owner = { tenantId: '0195f3c2-0000-7000-8000-00000000000a', endpointId: '0195f3c2-0000-7000-8000-00000000000b' };

describe('WebhookSecretBox (signing secrets at rest)', () => {
  const box = boxWith(generateWebhookSecretKey());
  const secret = generateWebhookSecret();

  it('makes secrets of 32 random bytes', () => {
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('opens what it sealed, and the sealed bytes hide the secret (a fresh nonce each time)', () => {
    const sealed = box.seal(secret, owner);
    expect(box.open(sealed, owner)).toBe(secret);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(box.seal(secret, owner).equals(sealed)).toBe(false);
  });

  it('refuses a ciphertext moved to another endpoint or tenant, tampered with, or under another key', () => {
    const sealed = box.seal(secret, owner);
    expect(() => box.open(sealed, { ...owner, endpointId: '0195f3c2-0000-7000-8000-00000000000c' })).toThrow();
    expect(() => box.open(sealed, { ...owner, tenantId: '0195f3c2-0000-7000-8000-00000000000c' })).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => box.open(tampered, owner)).toThrow();
    expect(() => boxWith(generateWebhookSecretKey()).open(sealed, owner)).toThrow();
  });

  it('takes its key as 64 hex characters or base64, and refuses to start without a 32-byte one', () => {
    const key = randomBytes(32);
    const sealed = boxWith(key.toString('hex')).seal(secret, owner);
    expect(boxWith(key.toString('base64')).open(sealed, owner)).toBe(secret);
    expect(boxWith(key.toString('base64url')).open(sealed, owner)).toBe(secret);
    expect(() => boxWith(undefined)).toThrow('Refusing to start: WEBHOOK_SECRET_KEY must be set');
    expect(() => boxWith(randomBytes(16).toString('hex'))).toThrow('WEBHOOK_SECRET_KEY must be 32 bytes');
  });
});

describe('WEBHOOK_ALLOW_PRIVATE_URLS', () => {
  it('is off by default and refused in production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })).toThrow('WEBHOOK_ALLOW_PRIVATE_URLS is refused with NODE_ENV=production');
  });
});
