import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { type Decision, LimiterStore } from './limiter-store.js';

export type RateLimitDecision = Decision;

/** Requests per tenant (data space) per hour: the configured default, or the tenant's own limit. */
@Injectable()
export class TenantRateLimiter {
  constructor(
    private readonly store: LimiterStore,
    private readonly config: AppConfig,
  ) {}

  consume(tenantId: string, limit = this.config.RATE_LIMIT_PER_HOUR): Promise<RateLimitDecision> {
    return this.store.consume('rl', tenantId, limit, 3600);
  }
}
