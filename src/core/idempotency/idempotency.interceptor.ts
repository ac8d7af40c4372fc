import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, type Observable, of, throwError } from 'rxjs';
import { ConflictError, DomainError, ValidationFailedError } from '../errors/domain-errors.js';
import { locationOf } from '../http/location.interceptor.js';
import type { StagedFile } from '../uploads/staged-file.js';
import { AfterCommit } from '../tenancy/after-commit.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { IdempotencyStore, requestFingerprint, type StoredResponse } from './idempotency.store.js';

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/**
 * Secrets a response shows once (a signer's `signing_url`, whose token is stored only hashed; a
 * webhook endpoint's signing `secret`, stored only encrypted): never written to the idempotency
 * record, so a replay answers without them.
 */
const SHOWN_ONCE = new Set(['signing_url', 'secret']);
const withoutShownOnce = (key: string, value: unknown) => (SHOWN_ONCE.has(key) ? undefined : value);

/**
 * `Idempotency-Key` on POST (SPEC section 6): the first successful response is stored for 24 h
 * and replayed to retries with the same request (`Idempotent-Replayed: true`); the same key with
 * another request is 422 IDEMPOTENCY_KEY_REUSED; a duplicate arriving while the first is still
 * running is 409. The response is stored by the transaction that does the work, so a failure to
 * store it undoes the work too: a retry never runs it twice. It wraps the tenant transaction, so
 * a replay opens none. An upload is staged before (UploadStagingInterceptor) and fingerprinted
 * with its fields and its file's SHA-256.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly context: TenantContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<Request & { file?: StagedFile }>();
    const response = execution.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    const principal = this.context.principal;
    if (request.method !== 'POST' || key === undefined || principal?.kind !== 'api-key') return next.handle();
    if (!KEY_SHAPE.test(key)) throw ValidationFailedError.field('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');

    const tenantId = principal.tenantId;
    const fingerprint = requestFingerprint(request.method, request.path, fingerprintedBody(request));
    const responseFor = (body: unknown): StoredResponse => ({
      status: response.statusCode,
      body: JSON.parse(JSON.stringify(body ?? null, withoutShownOnce)),
      location: locationOf(this.reflector, execution, body) ?? null,
    });
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
          case 'claimed': {
            let stored = false;
            this.context.beforeCommitOfRequest(async (result) => {
              if (result instanceof AfterCommit) return; // an error is answered: nothing to replay
              await this.store.completeInTransaction(tenantId, key, responseFor(result));
              stored = true;
            });
            return next.handle().pipe(
              concatMap(async (body) => {
                if (!stored) await this.store.complete(tenantId, key, responseFor(body)); // no transaction did the work
                return body;
              }),
              catchError((error: unknown) => from(this.store.release(tenantId, key)).pipe(concatMap(() => throwError(() => error)))),
            );
          }
        }
      }),
    );
  }
}

/** JSON: the body. An upload: its fields and its file's digest (another file is another request). */
function fingerprintedBody(request: Request & { file?: StagedFile }): unknown {
  if (!request.is('multipart/form-data')) return request.body;
  return { fields: request.body ?? null, file: request.file ? { sha256: request.file.sha256, size: request.file.size } : null };
}
