import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { assertSecretsPresent } from '../../config/required-secrets.js';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A new signing secret: `whsec_` and 32 random bytes in hex. Shown once; stored only encrypted. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** A new WEBHOOK_SECRET_KEY (for secrets:generate and the embedded demo). */
export function generateWebhookSecretKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Where a ciphertext belongs: decrypting it in any other row fails (associated data). */
export interface SecretOwner {
  tenantId: string;
  endpointId: string;
}

/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY, a fresh nonce each time,
 * bound to its endpoint and data space as associated data, so a ciphertext copied into another
 * row (or another tenant) does not decrypt. Stored as version (1 byte) ‖ nonce ‖ tag ‖ ciphertext.
 * Secrets are never logged and never answered after the response that creates them.
 */
export class WebhookSecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromConfig(config: AppConfig): WebhookSecretBox {
    assertSecretsPresent(config);
    const key = parseKey(config.WEBHOOK_SECRET_KEY!);
    if (!key) throw new Error('Refusing to start: WEBHOOK_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
    return new WebhookSecretBox(key);
  }

  seal(secret: string, owner: SecretOwner): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(owner));
    const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), encrypted]);
  }

  open(sealed: Buffer, owner: SecretOwner): string {
    if (sealed[0] !== VERSION) throw new Error('Unknown webhook secret format');
    const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
    const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

const associatedData = ({ tenantId, endpointId }: SecretOwner) => Buffer.from(`faireplace/webhook-endpoint/${tenantId}/${endpointId}`, 'utf8');

function parseKey(value: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, /[-_]/.test(value) ? 'base64url' : 'base64');
  return key.length === 32 ? key : undefined;
}
