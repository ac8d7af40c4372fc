import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { ApiKeyVerifier } from '../auth/api-key-verifier.js';
import type { Principal } from '../tenancy/tenant-context.js';
import { toRequestLogEntry } from './request-log-entry.js';
import { RequestLogWriter } from './request-log-writer.js';

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Notes every keyed request once its response has gone (`finish`): the line goes to the writer's
 * buffer, nothing is awaited, the request never waits for the log. The caller is the principal
 * the guards attached to the request (a suspended tenant's key included). A request refused
 * before the guards ran (malformed JSON, body too large) is recorded when its key was verified
 * lately (the in-memory cache, no I/O); unknown keys are not (no tenant to record them under).
 */
@Injectable()
export class RequestLogCapture {
  readonly middleware: (request: Request, response: Response, next: NextFunction) => void;

  constructor(
    config: AppConfig,
    private readonly writer: RequestLogWriter,
    private readonly verifier: ApiKeyVerifier,
  ) {
    this.middleware = config.REQUEST_LOG_ENABLED ? (request, response, next) => this.capture(request, response, next) : (_request, _response, next) => next();
  }

  private capture(request: Request, response: Response, next: NextFunction): void {
    const startedAt = Date.now();
    const started = performance.now();
    response.once('finish', () => {
      const principal = this.callerOf(request);
      if (principal) this.writer.add(toRequestLogEntry(request, response, principal, startedAt, performance.now() - started));
    });
    next();
  }

  private callerOf(request: Request): Principal | undefined {
    const principal = (request as Request & { user?: Principal }).user;
    if (principal) return principal.kind === 'api-key' ? principal : undefined;
    const match = BEARER.exec(request.header('authorization') ?? '');
    return match ? this.verifier.cached(match[1]) : undefined;
  }
}
