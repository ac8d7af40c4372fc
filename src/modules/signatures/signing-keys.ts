import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { assertSecretsPresent } from '../../config/required-secrets.js';
import { generateWebhookSecretKey } from '../webhooks/webhook-secrets.js';
import { generateProofSigningKey, loadProofSigningKey, type ProofSigningKey } from './proof/proof-seal.js';
import { generateSelfSignedSealingCredentials, loadSealingCredentials, type SealingCredentials } from './sealing/sealing-credentials.js';

/** The environment variables holding the platform's signing secrets (made together by secrets:generate and the demo). */
export interface SigningSecrets {
  /** HMAC key of stored one-time codes. */
  OTP_SECRET: string;
  /** Ed25519 private key (PKCS#8 PEM) that seals proofs. */
  PROOF_SIGNING_KEY: string;
  /** RSA private key (PKCS#8 PEM) and certificate chain (PEM) that seal signed PDFs. */
  PDF_SEAL_KEY: string;
  PDF_SEAL_CERTIFICATE: string;
  /** AES-256 key that encrypts webhook signing secrets at rest (read by the webhooks module). */
  WEBHOOK_SECRET_KEY: string;
}

/**
 * The platform's secrets for signatures, loaded and checked once at start-up: without any of them
 * the API refuses to start (no public fallback). The embedded demo generates its own and keeps
 * them in its data folder; `npm run secrets:generate` makes a set for a deployment.
 */
export class SigningKeys {
  private constructor(
    readonly otpSecret: string,
    readonly proofKey: ProofSigningKey,
    readonly sealing: SealingCredentials,
  ) {}

  static async fromConfig(config: AppConfig): Promise<SigningKeys> {
    assertSecretsPresent(config);
    return new SigningKeys(
      config.OTP_SECRET!,
      loadProofSigningKey(pem(config.PROOF_SIGNING_KEY!)),
      await loadSealingCredentials(pem(config.PDF_SEAL_KEY!), pem(config.PDF_SEAL_CERTIFICATE!)),
    );
  }
}

/** A new set: random OTP key, Ed25519 proof key, a self-signed sealing certificate, the webhook secrets' key (demo, tests). */
export async function generateSigningSecrets(commonName = 'FairePlace (self-signed)'): Promise<SigningSecrets> {
  const { keyPem, certPem } = await generateSelfSignedSealingCredentials(commonName);
  return {
    OTP_SECRET: randomBytes(32).toString('base64url'), PROOF_SIGNING_KEY: generateProofSigningKey(), PDF_SEAL_KEY: keyPem, PDF_SEAL_CERTIFICATE: certPem,
    WEBHOOK_SECRET_KEY: generateWebhookSecretKey(),
  };
}

/** A PEM value from the environment: as is, with `\n` escapes, or base64 of the PEM (one line). */
export function pem(value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return Buffer.from(value, 'base64').toString('utf8');
}
