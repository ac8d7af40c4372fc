import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';

const HOUR_SECONDS = 3600;

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix time (s) when the window resets. */
  resetAt: number;
  retryAfterSeconds: number;
}

/**
 * Requests per tenant per hour (rate-limiter-flexible). With REDIS_URL the counters live in Redis,
 * shared by every instance; if Redis fails, each instance falls back to its own memory for the
 * moment rather than refusing traffic. One limiter per distinct limit (tenants may have their own).
 */
@Injectable()
export class TenantRateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TenantRateLimiter.name);
  private readonly limiters = new Map<number, RateLimiterAbstract>();
  private readonly redis?: Redis;

  constructor(private readonly config: AppConfig) {
    if (config.REDIS_URL) {
      this.redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    }
  }

  /** Connected before the first request; unreachable Redis is not fatal (memory meanwhile). */
  async onModuleInit(): Promise<void> {
    await this.redis?.connect().catch((error: Error) => this.logger.warn(`Redis unreachable at start-up (${error.message}); limits counted in memory until it is back`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  async consume(tenantId: string, limit = this.config.RATE_LIMIT_PER_HOUR): Promise<RateLimitDecision> {
    const limiter = this.limiterFor(limit);
    const decide = (result: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
      allowed,
      limit,
      remaining: Math.max(0, result.remainingPoints),
      resetAt: Math.ceil((Date.now() + result.msBeforeNext) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
    });
    try {
      return decide(await limiter.consume(tenantId, 1), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return decide(rejection, false);
      throw rejection;
    }
  }

  private limiterFor(points: number): RateLimiterAbstract {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      const options = { points, duration: HOUR_SECONDS, keyPrefix: `fp:rl:${points}` };
      limiter = this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
      this.limiters.set(points, limiter);
    }
    return limiter;
  }
}
