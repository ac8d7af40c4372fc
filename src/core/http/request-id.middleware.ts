import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
/** A caller-chosen id is kept when it is short and plain, so it can be traced across services. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * First middleware of the app, before the body parser: every response, even a 413 or a malformed
 * JSON body, carries `X-Request-Id`, and the error envelope quotes the same id.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.header('x-request-id');
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  (request as WithRequestId)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as WithRequestId)[REQUEST_ID] ?? 'unknown';
}
