/** Stable error types of the API envelope (SPEC section 4). */
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
  | 'SERVICE_UNAVAILABLE';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the API explains to its caller. Services throw these; only the exception filter turns
 * them into HTTP, so no service ever builds a response body.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(400, 'BAD_REQUEST', message, details);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super(400, 'VALIDATION_ERROR', 'The request has invalid fields', { fields });
  }

  static field(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }
}

export class UnauthorizedError extends DomainError {
  constructor() {
    super(401, 'UNAUTHORIZED', 'A valid API key is required');
  }
}

export class ForbiddenError extends DomainError {
  constructor(requiredPermissions: readonly string[]) {
    super(403, 'FORBIDDEN', 'The API key lacks a required permission', {
      required_permissions: requiredPermissions,
    });
  }
}

/** Every key of a suspended tenant, live and sandbox (SPEC section 4): only the reason's public part is told. */
export class TenantSuspendedError extends DomainError {
  constructor(reason: string) {
    super(403, 'TENANT_SUSPENDED', 'The account is suspended', { reason });
  }
}

/** Missing and foreign resources are indistinguishable: the message names only the resource kind. */
export class NotFoundError extends DomainError {
  constructor(resource: string) {
    super(404, 'NOT_FOUND', `${resource} not found`);
  }
}

export class RouteNotFoundError extends DomainError {
  constructor() {
    super(404, 'NOT_FOUND', 'Route not found');
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'CONFLICT', message, details);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message = 'The request body is too large') {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message = 'Unsupported content type') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

export class RuleViolationError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(422, 'RULE_VIOLATION', message, details);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message = 'The service is temporarily unavailable, retry shortly') {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}

export class InternalError extends DomainError {
  constructor() {
    super(500, 'INTERNAL_ERROR', 'An unexpected error occurred');
  }
}
