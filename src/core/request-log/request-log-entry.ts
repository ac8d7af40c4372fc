import { isIP } from 'node:net';
import type { Request, Response } from 'express';
import { v7 } from 'uuid';
import { requestIdOf } from '../http/request-id.middleware.js';
import type { Principal } from '../tenancy/tenant-context.js';

/** One line of a tenant's request log: what came in and what went out, never what it carried. */
export interface RequestLogEntry {
  tenantId: string;
  id: string;
  createdAt: Date;
  requestId: string;
  keyPrefix: string | null;
  method: string;
  /** The route template (`/api/owners/:id`); null when no route matched. */
  route: string | null;
  /** The path without its query string (query values can hold personal data). */
  path: string;
  status: number;
  errorType: string | null;
  durationMs: number;
  clientIp: string | null;
  userAgent: string | null;
}

const MAX_PATH = 2048;
const MAX_ROUTE = 300;
const MAX_USER_AGENT = 512;

/**
 * The line for a finished request. The id is a UUIDv7 of the request's start, so id order is
 * time order. Taken: method, route template, path, status, the error type the envelope gave,
 * duration, client IP, user agent. Never taken: body, query string, any other header.
 */
export function toRequestLogEntry(request: Request, response: Response, principal: Principal, startedAt: number, durationMs: number): RequestLogEntry {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  const path = (request.originalUrl ?? request.url).split('?')[0];
  const errorType = (response.locals as { errorType?: unknown }).errorType;
  const ip = request.ip && isIP(request.ip) ? request.ip : null;
  const userAgent = request.header('user-agent');
  return {
    tenantId: principal.tenantId,
    id: v7({ msecs: startedAt }),
    createdAt: new Date(startedAt),
    requestId: requestIdOf(request),
    keyPrefix: principal.keyPrefix ?? null,
    method: request.method.slice(0, 16),
    // The not-found handler's catch-all is no route of the API.
    route: typeof route === 'string' && !route.includes('*') ? route.slice(0, MAX_ROUTE) : null,
    path: path.slice(0, MAX_PATH),
    status: response.statusCode,
    errorType: response.statusCode >= 400 && typeof errorType === 'string' ? errorType : null,
    durationMs: Math.max(0, Math.round(durationMs * 100) / 100),
    clientIp: ip,
    userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
  };
}
