import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../errors/domain-errors.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Upload routes read multipart themselves; everything else speaks JSON only. */
const ACCEPTED = /^(application\/json|multipart\/form-data)\b/i;

/**
 * A body in another format than JSON is refused with 415 instead of being silently ignored
 * (which would turn into confusing "field is required" errors).
 */
export function jsonOnlyMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(request.method) && hasBody && !ACCEPTED.test(request.headers['content-type'] ?? '')) {
    next(new UnsupportedMediaTypeError('Send the body as application/json'));
    return;
  }
  next();
}
