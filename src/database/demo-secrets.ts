import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningSecrets, type SigningSecrets } from '../modules/signatures/signing-keys.js';

/**
 * The embedded demo's signing secrets (OTP key, proof key, self-signed sealing certificate),
 * made on first start and kept beside its database, readable by this user only.
 */
export async function demoSigningSecrets(dataDir: string): Promise<SigningSecrets> {
  const file = path.join(path.resolve(dataDir), 'signing-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningSecrets;
  const secrets = await generateSigningSecrets('FairePlace demo (self-signed)');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
