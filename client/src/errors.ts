/** The error types of the API's envelope (SPEC §4); a newer API may send others, hence `string`. */
export type ErrorType =
  | 'BAD_REQUEST'
  | 'VALIDATION_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'TENANT_SUSPENDED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_TRANSITION'
  | 'INSUFFICIENT_CREDITS'
  | 'OTP_INVALID'
  | 'OTP_EXPIRED'
  | 'RULE_VIOLATION'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  | 'OTP_LOCKED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'
  /** The answer was not the API's envelope (a proxy's error page, say). */
  | 'UNEXPECTED_RESPONSE'
  | (string & {});

/** One invalid field of a VALIDATION_ERROR. */
export interface FieldError {
  field: string;
  message: string;
}

/** The API answered with an error: its envelope, typed. */
export class FairePlaceError extends Error {
  override readonly name = 'FairePlaceError';
  /** The HTTP status (400, 404, 422, ...). */
  readonly status: number;
  /** The envelope's stable code: `NOT_FOUND`, `VALIDATION_ERROR`, ... */
  readonly type: ErrorType;
  /** Type-specific details: `fields`, `required_permissions`, `dependants`, `attempts_remaining`, ... */
  readonly details: Record<string, unknown>;
  /** The request id (`meta.request_id`, or the `X-Request-Id` header): quote it to support. */
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: { status: number; type: ErrorType; message: string; details?: Record<string, unknown>; requestId?: string; retryAfterSeconds?: number }) {
    super(init.message);
    this.status = init.status;
    this.type = init.type;
    this.details = init.details ?? {};
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** VALIDATION_ERROR's invalid fields (empty for other types). */
  get fields(): FieldError[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as FieldError[]) : [];
  }

  /** Reads an error response: the envelope when it is one, else an UNEXPECTED_RESPONSE with the start of the body. */
  static async fromResponse(response: Response): Promise<FairePlaceError> {
    const text = await response.text().catch(() => '');
    const headerId = response.headers.get('x-request-id') ?? undefined;
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
    const envelope = parseEnvelope(text);
    if (envelope) {
      return new FairePlaceError({
        status: response.status,
        type: envelope.error.type,
        message: envelope.error.message,
        details: envelope.error.details ?? {},
        requestId: envelope.meta?.request_id ?? headerId,
        retryAfterSeconds,
      });
    }
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return new FairePlaceError({
      status: response.status,
      type: 'UNEXPECTED_RESPONSE',
      message: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
      requestId: headerId,
      retryAfterSeconds,
    });
  }
}

/** No answer from the API (connection refused or reset, DNS, TLS), after the retries. */
export class FairePlaceConnectionError extends Error {
  override readonly name = 'FairePlaceConnectionError';
  /** How many times the call was sent. */
  readonly attempts: number;

  constructor(message: string, options: { cause: unknown; attempts: number }) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts;
  }
}

interface Envelope {
  error: { type: string; message: string; details?: Record<string, unknown> };
  meta?: { request_id?: string };
}

function parseEnvelope(text: string): Envelope | undefined {
  try {
    const body = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } };
    if (typeof body?.error?.type === 'string' && typeof body.error.message === 'string') return body as Envelope;
  } catch {
    // not JSON: not the envelope
  }
  return undefined;
}
