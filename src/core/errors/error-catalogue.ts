import type { ErrorType } from './domain-errors.js';

export interface CatalogueEntry {
  status: number;
  /** What a caller reads in `error.message`, as an example. */
  message: string;
}

/**
 * Every error type of the envelope with its one HTTP status (SPEC section 4). The OpenAPI
 * document's error examples are generated from it, so an example cannot show another status.
 */
export const ERROR_CATALOGUE: Readonly<Record<ErrorType, CatalogueEntry>> = {
  BAD_REQUEST: { status: 400, message: 'The request body is not valid JSON' },
  VALIDATION_ERROR: { status: 400, message: 'The request has invalid fields' },
  UNAUTHORIZED: { status: 401, message: 'A valid API key is required' },
  FORBIDDEN: { status: 403, message: 'The API key lacks a required permission' },
  TENANT_SUSPENDED: { status: 403, message: 'The account is suspended' },
  NOT_FOUND: { status: 404, message: 'Lease not found' },
  CONFLICT: { status: 409, message: 'The resource is referenced by others' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  INVALID_TRANSITION: { status: 422, message: 'A lease cannot go from ACTIVE to DRAFT' },
  INSUFFICIENT_CREDITS: { status: 422, message: 'Not enough credits' },
  OTP_INVALID: { status: 422, message: 'The code is not valid' },
  OTP_EXPIRED: { status: 422, message: 'The code has expired; ask for a new one' },
  RULE_VIOLATION: { status: 422, message: 'end_date must be after start_date' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was used with a different request' },
  RATE_LIMITED: { status: 429, message: 'The limit of 1000 requests per hour is reached' },
  OTP_LOCKED: { status: 429, message: 'Too many wrong codes: this signer is locked' },
  INTERNAL_ERROR: { status: 500, message: 'An unexpected error occurred' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable, retry shortly' },
};

export const ERROR_TYPES = Object.keys(ERROR_CATALOGUE) as ErrorType[];

/** The type an error response of this status shows when its operation names none. */
export const DEFAULT_ERROR_TYPE: Readonly<Record<number, ErrorType>> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATION',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** Details an example shows for a type (the shape callers rely on). */
export const EXAMPLE_DETAILS: Partial<Record<ErrorType, Record<string, unknown>>> = {
  VALIDATION_ERROR: { fields: [{ field: 'start_date', message: 'start_date must be a date (YYYY-MM-DD)' }] },
  CONFLICT: { dependants: [{ resource: 'estates', count: 2 }] },
  OTP_INVALID: { attempts_remaining: 2 },
  RATE_LIMITED: { retry_after: 120 },
  TENANT_SUSPENDED: { reason: 'Unpaid invoice: contact billing' },
  OTP_LOCKED: { retry_after: 86400 },
};
