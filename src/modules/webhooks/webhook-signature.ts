import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'FairePlace-Signature';
export const EVENT_ID_HEADER = 'FairePlace-Event-Id';
export const EVENT_TYPE_HEADER = 'FairePlace-Event-Type';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`: one `v1` per secret in force
 * (after a rotation, the new one first, then the old one for 24 hours). The key is the secret
 * string itself, `whsec_` included; the body is the exact bytes sent.
 */
export function signatureHeader(timestamp: number, body: string, secrets: readonly string[]): string {
  const signed = `${timestamp}.${body}`;
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`)].join(',');
}
