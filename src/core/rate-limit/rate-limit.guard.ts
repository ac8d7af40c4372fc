import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { TenantRateLimiter } from './tenant-rate-limiter.js';

/**
 * After the key is known, before permissions: every authenticated request counts against its
 * tenant, and every authenticated response says where the tenant stands (SPEC section 6).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: TenantRateLimiter,
    private readonly context: TenantContext,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const principal = this.context.principal;
    if (!principal || principal.kind !== 'api-key') return true; // public and internal routes
    const decision = await this.limiter.consume(principal.tenantId, principal.rateLimitPerHour ?? undefined);
    const response = execution.switchToHttp().getResponse<Response>();
    response.setHeader('X-RateLimit-Limit', String(decision.limit));
    response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    response.setHeader('X-RateLimit-Reset', String(decision.resetAt));
    if (!decision.allowed) {
      throw new DomainError(429, 'RATE_LIMITED', `The limit of ${decision.limit} requests per hour is reached`, { retry_after: decision.retryAfterSeconds });
    }
    return true;
  }
}
