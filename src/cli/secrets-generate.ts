import { generateSigningSecrets } from '../modules/signatures/signing-keys.js';

/**
 * npm run secrets:generate [-- --common-name "Acme Gestion"] — a new set of signing secrets as
 * `.env` lines (PEM values base64-encoded on one line). The sealing certificate is self-signed:
 * in production, replace PDF_SEAL_KEY / PDF_SEAL_CERTIFICATE by those of a certificate your
 * readers trust (a qualified seal, for example), keeping OTP_SECRET, PROOF_SIGNING_KEY and
 * WEBHOOK_SECRET_KEY (the key of the webhook signing secrets at rest).
 */
const nameAt = process.argv.indexOf('--common-name');
const secrets = await generateSigningSecrets(nameAt > 0 ? process.argv[nameAt + 1] : undefined);
const oneLine = (value: string) => (value.includes('-----BEGIN') ? Buffer.from(value).toString('base64') : value);
console.log(
  Object.entries(secrets)
    .map(([name, value]) => `${name}=${oneLine(value)}`)
    .join('\n'),
);
