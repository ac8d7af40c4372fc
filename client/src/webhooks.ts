import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header FairePlace signs each webhook delivery with. */
export const SIGNATURE_HEADER = 'FairePlace-Signature';

/** A webhook event as delivered: its JSON body. */
export interface WebhookEvent {
  id: string;
  type: string;
  created_at?: string;
  data?: unknown;
  [field: string]: unknown;
}

export interface VerifyWebhookOptions {
  /** How far the signed time may be from now, either way (default 300 s): an older delivery is a replay. */
  toleranceSeconds?: number;
  /** The current time in seconds since the epoch (tests). */
  now?: () => number;
}

export type WebhookVerificationFailure =
  | 'MISSING_SIGNATURE'
  | 'MALFORMED_SIGNATURE'
  | 'SIGNATURE_MISMATCH'
  | 'TIMESTAMP_OUT_OF_TOLERANCE'
  | 'INVALID_JSON';

/** A delivery that must not be trusted; answer it with 400 and do nothing else. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly reason: WebhookVerificationFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a delivery's `FairePlace-Signature: t=<unix seconds>,v1=<hex>` header and returns its
 * parsed event, or throws WebhookVerificationError. `v1` is HMAC-SHA256(secret, `${t}.${rawBody}`)
 * in hex; during a secret rotation the header carries one `v1` per secret and any match is enough
 * (pass several secrets to rotate on your side). Compared in constant time. `rawBody` must be the
 * exact bytes received, before any JSON parsing (e.g. `express.raw({ type: 'application/json' })`).
 */
export function verifyWebhook<Event = WebhookEvent>(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string | readonly string[],
  { toleranceSeconds = 300, now = () => Date.now() / 1000 }: VerifyWebhookOptions = {},
): Event {
  if (!signatureHeader) throw new WebhookVerificationError('MISSING_SIGNATURE', `No ${SIGNATURE_HEADER} header`);
  const { timestamp, signatures } = parseSignatureHeader(signatureHeader);
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  const signedPayload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((value) => !value)) throw new TypeError('verifyWebhook needs the endpoint secret');

  let matched = false;
  for (const key of secrets) {
    const expected = createHmac('sha256', key).update(signedPayload).digest();
    // Every candidate is compared (no early exit), each in constant time.
    for (const candidate of signatures) if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('SIGNATURE_MISMATCH', 'No signature matches the body with this secret');
  if (Math.abs(now() - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('TIMESTAMP_OUT_OF_TOLERANCE', `Signed at ${timestamp}, more than ${toleranceSeconds} s from now`);
  }
  try {
    return JSON.parse(body.toString('utf8')) as Event;
  } catch {
    throw new WebhookVerificationError('INVALID_JSON', 'The signed body is not JSON');
  }
}

/** `t=1700000000,v1=ab…,v1=cd…`: one timestamp, one or more v1 signatures; other schemes are ignored. */
function parseSignatureHeader(header: string): { timestamp: number; signatures: Buffer[] } {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) throw new WebhookVerificationError('MALFORMED_SIGNATURE', 'The signature header needs exactly one t=<unix seconds>');
      timestamp = Number(value);
    } else if (name === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined) throw new WebhookVerificationError('MALFORMED_SIGNATURE', 'The signature header has no t=<unix seconds>');
  if (signatures.length === 0) throw new WebhookVerificationError('MALFORMED_SIGNATURE', 'The signature header has no v1=<hex HMAC-SHA256>');
  return { timestamp, signatures };
}
