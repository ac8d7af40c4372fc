import type { AppConfig } from './app-config.js';

/** The platform's secrets: the API refuses to start without every one (no public fallback). */
export const REQUIRED_SECRETS = ['OTP_SECRET', 'PROOF_SIGNING_KEY', 'PDF_SEAL_KEY', 'PDF_SEAL_CERTIFICATE', 'WEBHOOK_SECRET_KEY'] as const;

/**
 * Checked by each provider that reads one (signing keys, the webhook secret box), so whichever
 * starts first names every missing secret at once.
 */
export function assertSecretsPresent(config: AppConfig): void {
  const missing = REQUIRED_SECRETS.filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new Error(`Refusing to start: ${missing.join(', ')} must be set (npm run secrets:generate makes them; the embedded demo makes its own)`);
  }
}
