import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { TenantContext } from '../tenancy/tenant-context.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';

const WRITE_EVERY_MS = 60_000;
const FLUSH_EVERY_MS = 5_000;

/**
 * `api_keys.last_used_at`, written at most once a minute per key and never on a request's path:
 * uses are noted in memory and flushed in the background, one small transaction per tenant.
 */
@Injectable()
export class KeyUsageRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(KeyUsageRecorder.name);
  private readonly lastWritten = new Map<string, number>();
  private pending = new Map<string, { tenantId: string; usedAt: Date }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly transactions: JobTransactions,
    private readonly context: TenantContext,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  note(keyId: string, tenantId: string, now = Date.now()): void {
    if (now - (this.lastWritten.get(keyId) ?? 0) < WRITE_EVERY_MS) return;
    this.lastWritten.set(keyId, now);
    this.pending.set(keyId, { tenantId, usedAt: new Date(now) });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const byTenant = new Map<string, { ids: string[]; times: Date[] }>();
    for (const [keyId, { tenantId, usedAt }] of batch) {
      const group = byTenant.get(tenantId) ?? { ids: [], times: [] };
      group.ids.push(keyId);
      group.times.push(usedAt);
      byTenant.set(tenantId, group);
    }
    for (const [tenantId, { ids, times }] of byTenant) {
      try {
        // Not a change of access: the auth-change trigger ignores updates of last_used_at alone.
        await this.transactions.run(tenantId, () =>
          this.context.manager.query(
            `UPDATE api_keys AS k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
               FROM unnest($2::uuid[], $3::timestamptz[]) AS u(id, used_at)
              WHERE k.tenant_id = $1 AND k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)`,
            [tenantId, ids, times],
          ),
        );
      } catch (error) {
        this.logger.warn(`Could not record key usage: ${(error as Error).message}`);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
