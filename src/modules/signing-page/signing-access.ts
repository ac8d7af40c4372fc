import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../core/errors/domain-errors.js';
import { LimiterStore } from '../../core/rate-limit/limiter-store.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { hashSigningToken, isSigningTokenShaped } from '../signatures/signing-links/signing-link-token.js';
import { type ResolvedSigningLink, SigningLinks } from '../signatures/signing-links/signing-links.service.js';

const WINDOW_SECONDS = 60;

/**
 * The one answer for a token that cannot act: unknown, malformed, expired, used (signed), locked or
 * cancelled alike, so a token cannot be probed. The page shows it as the generic HTML page.
 */
export class SigningLinkUnavailableError extends DomainError {
  constructor() {
    super(404, 'NOT_FOUND', 'This signing link is not valid, or no longer');
  }
}

/**
 * The door of every `/sign/{token}…` request: counted against the token and the client's IP
 * (rate-limit store: Redis or memory), resolved through the SECURITY DEFINER lookup before any
 * tenant is known, then the request acts as that one signer in that tenant (a `signing-link`
 * principal: the tenant's data space, no permission). Every answer, whatever the token, takes at
 * least SIGNING_LINK_MIN_RESPONSE_MS: an unknown token is not answered faster than a used one.
 */
@Injectable()
export class SigningAccess {
  constructor(
    private readonly links: SigningLinks,
    private readonly limits: LimiterStore,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
  ) {}

  /** Runs `work` for the token's signer; SigningLinkUnavailableError when the token cannot act. */
  async withLink<T>(token: string, ip: string, work: (link: ResolvedSigningLink) => Promise<T>): Promise<T> {
    return this.padded(async () => {
      await this.admit(token, ip);
      return work(await this.open(token));
    });
  }

  /** At least the configured duration, whether `work` answers or fails. */
  async padded<T>(work: () => Promise<T>): Promise<T> {
    const until = performance.now() + this.config.SIGNING_LINK_MIN_RESPONSE_MS;
    try {
      return await work();
    } finally {
      const left = until - performance.now();
      if (left > 0) await sleep(left);
    }
  }

  /** 429 over either limit: per token (its hash is the key: tokens never reach the store) and per IP. */
  private async admit(token: string, ip: string): Promise<void> {
    const perIp = await this.limits.consume('sign-ip', ip, this.config.SIGNING_PAGE_REQUESTS_PER_MINUTE_PER_IP, WINDOW_SECONDS);
    const perToken = await this.limits.consume('sign-token', hashSigningToken(String(token)).toString('hex'), this.config.SIGNING_LINK_REQUESTS_PER_MINUTE, WINDOW_SECONDS);
    const refused = [perIp, perToken].filter((decision) => !decision.allowed);
    if (refused.length > 0) {
      const retryAfter = Math.max(...refused.map((decision) => decision.retryAfterSeconds));
      throw new DomainError(429, 'RATE_LIMITED', 'Too many requests for signing links; retry later', { retry_after: retryAfter, limit: 'signing_link' });
    }
  }

  private async open(token: string): Promise<ResolvedSigningLink> {
    const link = isSigningTokenShaped(token) ? await this.links.resolve(token) : undefined;
    if (!link) throw new SigningLinkUnavailableError();
    this.context.setPrincipal({ kind: 'signing-link', tenantId: link.tenantId, environment: link.sandbox ? 'sandbox' : 'live', permissions: new Set() });
    return link;
  }
}
