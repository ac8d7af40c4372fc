import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import type { Principal } from '../tenancy/tenant-context.js';
import { hashApiKey, KEY_PREFIX_LENGTH, parseApiKey } from './api-key-format.js';
import { KeyUsageRecorder } from './key-usage-recorder.js';
import { isPermission } from './permissions.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

/** What a suspended tenant's keys are told when the dashboard gave no public reason. */
export const SUSPENDED_WITHOUT_PUBLIC_REASON = 'Contact FairePlace support';

interface AuthenticatedKeyRow {
  key_id: string;
  /** Where the key is stored (the live tenant). */
  key_tenant_id: string;
  /** The data space it acts in: the live tenant, or its sandbox twin for a sandbox key. */
  tenant_id: string;
  user_id: string;
  environment: 'live' | 'sandbox';
  permissions: string[];
  expires_at: Date | null;
  rate_limit_per_hour: number | null;
  suspended: boolean;
  suspension_public_reason: string | null;
}

/**
 * Turns a presented key into the acting principal, or undefined. Malformed keys cost no I/O;
 * known keys are served from the cache, keys found unknown a moment ago are refused from it; the
 * rest take one call to the SECURITY DEFINER lookup, which applies revocation, expiry, disabled
 * users and the key's permission subset in SQL.
 */
@Injectable()
export class ApiKeyVerifier {
  readonly cache: VerifiedKeyCache;

  constructor(
    private readonly dataSource: DataSource,
    private readonly usage: KeyUsageRecorder,
    config: AppConfig,
  ) {
    this.cache = new VerifiedKeyCache(config.API_KEY_CACHE_TTL_MS, 10_000, Date.now, config.API_KEY_NEGATIVE_CACHE_MS);
  }

  /** A key verified lately (no I/O), or undefined. */
  cached(presented: string): Principal | undefined {
    const principal = this.cache.get(hashApiKey(presented).toString('base64'));
    if (principal) this.usage.note(principal.keyId!, principal.keyTenantId!);
    return principal;
  }

  async verify(presented: string): Promise<Principal | undefined> {
    const environment = parseApiKey(presented);
    if (!environment) return undefined;
    const cached = this.cached(presented);
    if (cached) return cached;
    const hash = hashApiKey(presented);
    const cacheKey = hash.toString('base64');
    if (this.cache.isKnownMiss(cacheKey)) return undefined;

    const generation = this.cache.currentGeneration;
    const rows: AuthenticatedKeyRow[] = await this.dataSource.query(
      'SELECT * FROM app.authenticate_api_key($1)',
      [hash],
    );
    const row = rows[0];
    if (!row || row.environment !== environment) {
      this.cache.noteMiss(cacheKey, generation);
      return undefined;
    }
    const principal: Principal = {
      kind: 'api-key',
      tenantId: row.tenant_id,
      userId: row.user_id,
      keyId: row.key_id,
      keyTenantId: row.key_tenant_id,
      keyPrefix: presented.slice(0, KEY_PREFIX_LENGTH),
      environment: row.environment,
      permissions: new Set(row.permissions.filter(isPermission)),
      rateLimitPerHour: row.rate_limit_per_hour,
      ...(row.suspended ? { suspendedReason: row.suspension_public_reason ?? SUSPENDED_WITHOUT_PUBLIC_REASON } : {}),
    };
    this.cache.set(cacheKey, principal, row.expires_at, generation);
    this.usage.note(row.key_id, row.key_tenant_id);
    return principal;
  }
}
