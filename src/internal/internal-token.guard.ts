import { createHash, timingSafeEqual } from 'node:crypto';
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import { AppConfig } from '../config/app-config.js';
import { IS_INTERNAL } from '../core/auth/auth.decorators.js';
import { PERMISSIONS } from '../core/auth/permissions.js';
import { RouteNotFoundError, UnauthorizedError, ValidationFailedError } from '../core/errors/domain-errors.js';
import { TenantContext } from '../core/tenancy/tenant-context.js';

export const INTERNAL_TOKEN_SCHEME = 'internal-token';
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `X-Internal-Token` for the dashboard backend, compared in constant time. With no token
 * configured the whole /internal tree answers like an unknown route. A `tenant_id` path parameter
 * becomes the request's tenant: internal routes run under the same RLS as public ones.
 */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    config: AppConfig,
    private readonly context: TenantContext,
  ) {
    this.expected = config.INTERNAL_API_TOKEN ? digest(config.INTERNAL_API_TOKEN) : undefined;
  }

  canActivate(execution: ExecutionContext): boolean {
    if (!this.expected) throw new RouteNotFoundError();
    const request = execution.switchToHttp().getRequest<Request>();
    const presented = request.header('x-internal-token');
    if (!presented || !timingSafeEqual(digest(presented), this.expected)) throw new UnauthorizedError();

    const tenantId = request.params.tenant_id;
    if (tenantId !== undefined) {
      if (typeof tenantId !== 'string' || !isUUID(tenantId)) throw ValidationFailedError.field('tenant_id', 'tenant_id must be a UUID');
      const principal = { kind: 'internal' as const, tenantId, permissions: new Set(PERMISSIONS) };
      this.context.setPrincipal(principal);
      (request as Request & { user?: unknown }).user = principal; // for the request log line
    }
    return true;
  }
}

/** Marks a controller as internal: behind the internal token, API keys ignored. */
export const InternalApi = () =>
  applyDecorators(SetMetadata(IS_INTERNAL, true), UseGuards(InternalTokenGuard), ApiSecurity(INTERNAL_TOKEN_SCHEME));
