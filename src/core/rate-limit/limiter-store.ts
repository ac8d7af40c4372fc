import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';

export interface Decision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix time (s) when the window resets. */
  resetAt: number;
  retryAfterSeconds: number;
}

/**
 * Where every counter lives (rate-limiter-flexible): in Redis when REDIS_URL is set, shared by all
 * instances; if Redis fails, each instance falls back to its own memory for the moment rather
 * than refusing traffic; in memory without REDIS_URL. One limiter per (name, points, window).
 */
@Injectable()
export class LimiterStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LimiterStore.name);
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly redis?: Redis;

  constructor(config: AppConfig) {
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

  /** Counts one event for `key` against `points` per `seconds`. */
  async consume(name: string, key: string, points: number, seconds: number): Promise<Decision> {
    const limiter = this.limiter(name, points, seconds);
    try {
      return decide(await limiter.consume(key, 1), points, true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return decide(rejection, points, false);
      throw rejection;
    }
  }

  /** Where `key` stands, without counting anything. */
  async peek(name: string, key: string, points: number, seconds: number): Promise<Decision> {
    const state = await this.limiter(name, points, seconds).get(key);
    if (!state) return { allowed: true, limit: points, remaining: points, resetAt: Math.ceil(Date.now() / 1000) + seconds, retryAfterSeconds: 0 };
    return decide(state, points, state.consumedPoints < points);
  }

  private limiter(name: string, points: number, seconds: number): RateLimiterAbstract {
    const id = `${name}:${points}:${seconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { points, duration: seconds, keyPrefix: `fp:${id}` };
      limiter = this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function decide(result: RateLimiterRes, limit: number, allowed: boolean): Decision {
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetAt: Math.ceil((Date.now() + result.msBeforeNext) / 1000),
    retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}
