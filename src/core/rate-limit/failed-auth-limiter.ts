import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-errors.js';
import { LimiterStore } from './limiter-store.js';

const WINDOW_SECONDS = 60;

/**
 * Failed authentications per client IP (AUTH_FAILURES_PER_MINUTE): anyone can mint keys with a
 * valid checksum, and each unknown one costs a database lookup. Over the limit, the IP gets 429
 * with Retry-After for anything not already verified, until its window is over. Behind a load
 * balancer, TRUST_PROXY must be set, or every client shares the balancer's address.
 */
@Injectable()
export class FailedAuthLimiter {
  constructor(
    private readonly store: LimiterStore,
    private readonly config: AppConfig,
  ) {}

  /** Throws 429 when `ip` has failed too often lately. */
  async assertAllowed(ip: string): Promise<void> {
    const decision = await this.store.peek('auth-failures', ip, this.config.AUTH_FAILURES_PER_MINUTE, WINDOW_SECONDS);
    if (!decision.allowed) throw tooMany(decision.retryAfterSeconds);
  }

  async recordFailure(ip: string): Promise<void> {
    await this.store.consume('auth-failures', ip, this.config.AUTH_FAILURES_PER_MINUTE, WINDOW_SECONDS);
  }
}

function tooMany(retryAfter: number): DomainError {
  return new DomainError(429, 'RATE_LIMITED', 'Too many failed authentications from this address; retry later', { retry_after: retryAfter });
}
