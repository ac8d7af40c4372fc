import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningSecrets, type SigningSecrets } from '../modules/signatures/signing-keys.js';
import { generateWebhookSecretKey } from '../modules/webhooks/webhook-secrets.js';

/**
 * The embedded demo's signing secrets (OTP key, proof key, self-signed sealing certificate, the
 * webhook secrets' key), made on first start and kept beside its database, readable by this user
 * only. A file from before webhooks gets its key added (the other secrets are kept).
 */
export async function demoSigningSecrets(dataDir: string): Promise<SigningSecrets> {
  const file = path.join(path.resolve(dataDir), 'signing-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SigningSecrets>;
    if (stored.WEBHOOK_SECRET_KEY) return stored as SigningSecrets;
    const upgraded = { ...stored, WEBHOOK_SECRET_KEY: generateWebhookSecretKey() } as SigningSecrets;
    writeFileSync(file, JSON.stringify(upgraded), { mode: 0o600 });
    return upgraded;
  }
  const secrets = await generateSigningSecrets('FairePlace demo (self-signed)');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
