import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, type Observable, of, throwError } from 'rxjs';
import { ConflictError, DomainError, ValidationFailedError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { IdempotencyStore, requestFingerprint } from './idempotency.store.js';

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST (SPEC section 6): the first successful response is stored for 24 h
 * and replayed to retries with the same body (`Idempotent-Replayed: true`); the same key with
 * another body is 422 IDEMPOTENCY_KEY_REUSED; a duplicate arriving while the first is still
 * running is 409. It wraps the tenant transaction, so a replay opens none.
 * Multipart uploads are matched on their route only (their body is read later, as a stream).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly context: TenantContext,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<Request>();
    const response = execution.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    const principal = this.context.principal;
    if (request.method !== 'POST' || key === undefined || principal?.kind !== 'api-key') return next.handle();
    if (!KEY_SHAPE.test(key)) throw ValidationFailedError.field('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');

    const tenantId = principal.tenantId;
    const fingerprint = requestFingerprint(request.method, request.path, request.is('multipart/form-data') ? null : request.body);
    return from(this.store.claim(tenantId, key, fingerprint)).pipe(
      concatMap((claim) => {
        switch (claim.kind) {
          case 'mismatch':
            throw new DomainError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
          case 'in_progress':
            throw new ConflictError('A request with this Idempotency-Key is still being processed');
          case 'replay':
            response.setHeader('Idempotent-Replayed', 'true');
            if (claim.location) response.setHeader('Location', claim.location);
            return of(claim.body);
          case 'claimed':
            return next.handle().pipe(
              concatMap(async (body) => {
                const location = response.getHeader('Location');
                await this.store.complete(tenantId, key, response.statusCode, JSON.parse(JSON.stringify(body ?? null)), typeof location === 'string' ? location : null);
                return body;
              }),
              catchError((error: unknown) => from(this.store.release(tenantId, key)).pipe(concatMap(() => throwError(() => error)))),
            );
        }
      }),
    );
  }
}
