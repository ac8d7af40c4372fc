import { createHash, timingSafeEqual } from 'node:crypto';
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiQuery, ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { IS_INTERNAL } from '../core/auth/auth.decorators.js';
import { PERMISSIONS } from '../core/auth/permissions.js';
import { NotFoundError, RouteNotFoundError, UnauthorizedError, ValidationFailedError } from '../core/errors/domain-errors.js';
import { type Principal, TenantContext } from '../core/tenancy/tenant-context.js';

export const INTERNAL_TOKEN_SCHEME = 'internal-token';
const REACHES_SANDBOX = 'internal:reaches-sandbox';
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `X-Internal-Token` for the dashboard backend, compared in constant time. With no token
 * configured the whole /internal tree answers like an unknown route. A `tenant_id` path parameter
 * becomes the request's tenant: internal routes run under the same RLS as public ones. On routes
 * marked @ReachesSandbox(), `?environment=sandbox` works in that tenant's sandbox twin instead.
 */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    config: AppConfig,
    private readonly context: TenantContext,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {
    this.expected = config.INTERNAL_API_TOKEN ? digest(config.INTERNAL_API_TOKEN) : undefined;
  }

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<Request>();
    assertInternalToken(this.expected, request.header('x-internal-token'));

    const liveTenantId = request.params.tenant_id;
    if (liveTenantId !== undefined) {
      if (typeof liveTenantId !== 'string' || !isUUID(liveTenantId)) throw ValidationFailedError.field('tenant_id', 'tenant_id must be a UUID');
      const environment = this.environmentOf(request, execution);
      const tenantId = environment === 'sandbox' ? await this.sandboxOf(liveTenantId) : liveTenantId;
      const principal: Principal = { kind: 'internal', tenantId, environment, permissions: new Set(PERMISSIONS) };
      this.context.setPrincipal(principal);
      (request as Request & { user?: unknown }).user = principal; // for the request log line
    }
    return true;
  }

  private environmentOf(request: Request, execution: ExecutionContext): 'live' | 'sandbox' {
    const environment = request.query.environment ?? 'live';
    if (environment !== 'live' && environment !== 'sandbox') throw ValidationFailedError.field('environment', 'environment must be live or sandbox');
    const reachesSandbox = this.reflector.getAllAndOverride<boolean>(REACHES_SANDBOX, [execution.getHandler(), execution.getClass()]);
    if (environment === 'sandbox' && !reachesSandbox) {
      throw ValidationFailedError.field('environment', 'users and API keys belong to the live tenant (a key made with environment: sandbox works in the sandbox)');
    }
    return environment;
  }

  /** The twin, through a narrow SECURITY DEFINER function: the live tenant's RLS cannot see it. */
  private async sandboxOf(liveTenantId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT app.sandbox_tenant_of($1) AS id', [liveTenantId])) as { id: string | null }[];
    if (!row?.id) throw new NotFoundError('Tenant');
    return row.id;
  }
}

/** Throws unless the token is configured and `presented` matches it (constant time). */
export function assertInternalToken(expected: Buffer | undefined, presented: string | undefined): void {
  if (!expected) throw new RouteNotFoundError();
  if (!presented || !timingSafeEqual(digest(presented), expected)) throw new UnauthorizedError();
}

export const internalTokenDigest = digest;

/** Marks a controller as internal: behind the internal token, API keys ignored. */
export const InternalApi = () =>
  applyDecorators(SetMetadata(IS_INTERNAL, true), UseGuards(InternalTokenGuard), ApiSecurity(INTERNAL_TOKEN_SCHEME));

/** The route may work in the tenant's sandbox twin: `?environment=sandbox` (default live). */
export const ReachesSandbox = () =>
  applyDecorators(
    SetMetadata(REACHES_SANDBOX, true),
    ApiQuery({ name: 'environment', required: false, enum: ['live', 'sandbox'], description: 'sandbox: the tenant\'s sandbox data space' }),
  );
