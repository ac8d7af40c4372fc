import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  BadRequestError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  RouteNotFoundError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from './domain-errors.js';

interface PgErrorFields {
  code?: string;
  detail?: string;
  table?: string;
  message?: string;
}

/** Connection-level failures: the database is down or restarting, not the request at fault. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i];

/**
 * Maps anything thrown while serving a request to the error the client sees. The mapping never
 * copies database text into the response: constraint details can name values of the same row.
 */
export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  // TypeORM releases a runner whose connection the server closed (restart, failover).
  if (exception instanceof Error && exception.name === 'QueryRunnerAlreadyReleasedError') return new ServiceUnavailableError();
  const pg = pgFields(exception);
  if (pg) {
    const mapped = fromPostgres(pg);
    if (mapped) return mapped;
  }
  return new InternalError();
}

function fromHttpException(exception: HttpException): DomainError {
  const status = exception.getStatus();
  switch (status) {
    case 400:
      // Our own code throws domain errors; a 400 HttpException comes from Express or body-parser.
      if (exception.cause instanceof SyntaxError) return new BadRequestError('The request body is not valid JSON');
      if (exception.cause instanceof URIError) return new BadRequestError('The request URL is malformed');
      return new BadRequestError('The request could not be read');
    case 401:
      return new UnauthorizedError();
    case 403:
      return new ForbiddenError([]);
    case 404:
      return new RouteNotFoundError();
    case 413:
      return new PayloadTooLargeError();
    case 415:
      return new UnsupportedMediaTypeError();
    default:
      return status >= 500 ? new InternalError() : new DomainError(status, 'BAD_REQUEST', exception.message);
  }
}

function pgFields(exception: unknown): PgErrorFields | undefined {
  if (exception instanceof QueryFailedError) return exception.driverError as PgErrorFields;
  if (exception instanceof Error) {
    const candidate = exception as Error & PgErrorFields;
    if (typeof candidate.code === 'string' || UNAVAILABLE_MESSAGES.some((re) => re.test(candidate.message))) {
      return candidate;
    }
  }
  return undefined;
}

function fromPostgres(error: PgErrorFields): DomainError | undefined {
  const code = error.code ?? '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_MESSAGES.some((re) => re.test(error.message ?? ''))) {
    return new ServiceUnavailableError();
  }
  switch (code) {
    case '23505': // unique_violation: every unique key leads with tenant_id, so this is the caller's own data
      return new ConflictError('A resource with the same unique values already exists');
    case '23503': // foreign_key_violation
      return /still referenced/.test(error.detail ?? '')
        ? new ConflictError('The resource is still referenced by other resources', {
            dependants: error.table ? [{ resource: error.table }] : [],
          })
        : new NotFoundError('Referenced resource');
    case '42501': // RLS WITH CHECK refused a row of another tenant: answer as if it did not exist
      return new NotFoundError('Resource');
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
    case '22021': // character_not_in_repertoire (e.g. NUL bytes)
      return new BadRequestError('A value has an invalid format or is out of range');
    case '23502': // not_null_violation
    case '23514': // check_violation
      return new ValidationFailedError([{ field: 'body', message: 'A value breaks a constraint of the resource' }]);
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new ConflictError('A concurrent change conflicted with this request; retry it');
    default:
      return undefined;
  }
}
