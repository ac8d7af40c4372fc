import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../jobs/jobs.js';
import { ObjectStorage } from '../storage/object-storage.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';
import { plusDays, plusHours } from '../time/instants.js';

const TENANTS_PER_RUN = 500;

export interface PurgeCutoffs {
  idempotency: Date;
  outbox: Date;
  deliveries: Date;
  /** Export archives whose `expires_at` (set when written, EXPORT_RETENTION_DAYS later) has come. */
  exports: Date;
}

/**
 * What is deleted once past its retention period (settings in src/config), each statement
 * deleting at most DATA_BATCH_SIZE rows (short locks) with the tenant's filter explicit as well.
 */
const PURGES: { name: Exclude<keyof PurgeCutoffs, 'exports'>; table: string; expired: string }[] = [
  { name: 'idempotency', table: 'idempotency_keys', expired: 'expires_at < $2' },
  // Only delivered messages (also what the restrictive delete policy allows the app role).
  { name: 'outbox', table: 'outbox_messages', expired: 'delivered_at < $2' },
  { name: 'deliveries', table: 'webhook_deliveries', expired: "status IN ('SUCCEEDED', 'FAILED') AND created_at < $2" },
];

/**
 * The recurring `retention.purge` job: finds the data spaces holding records past their retention
 * (a SECURITY DEFINER finder returning ids only), then purges each in its own tenant
 * transactions, one batch per transaction. Expired export archives are deleted from storage and
 * their exports marked EXPIRED (the row stays: what was handed out, when, its size and SHA-256).
 */
@Injectable()
export class Retention implements OnModuleInit {
  private readonly logger = new Logger(Retention.name);

  constructor(
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly transactions: JobTransactions,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
    private readonly jobs: Jobs,
    private readonly storage: ObjectStorage,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('retention.purge', async () => {
      await this.purge();
    });
  }

  cutoffs(now = new Date()): PurgeCutoffs {
    return {
      idempotency: plusHours(now, -this.config.IDEMPOTENCY_RETENTION_HOURS),
      outbox: plusDays(now, -this.config.OUTBOX_RETENTION_DAYS),
      deliveries: plusDays(now, -this.config.WEBHOOK_DELIVERY_RETENTION_DAYS),
      exports: now,
    };
  }

  /** Returns how many rows of each kind it deleted. */
  async purge(now = new Date()): Promise<Record<keyof PurgeCutoffs, number>> {
    const cutoffs = this.cutoffs(now);
    const purged = { idempotency: 0, outbox: 0, deliveries: 0, exports: 0 };
    const tenants: { tenant_id: string }[] = await this.dataSource.query('SELECT * FROM app.tenants_with_purgeable_records($1, $2, $3, $4, $5)', [
      cutoffs.idempotency,
      cutoffs.outbox,
      cutoffs.deliveries,
      cutoffs.exports,
      TENANTS_PER_RUN,
    ]);
    const paused = await this.jobs.pausedTenants();
    for (const { tenant_id: tenantId } of tenants) {
      if (paused.has(tenantId)) continue; // nothing of a suspended tenant's data changes (as every sweep)
      try {
        for (const purge of PURGES) purged[purge.name] += await this.purgeTable(tenantId, purge.table, purge.expired, cutoffs[purge.name]);
        purged.exports += await this.expireExports(tenantId, cutoffs.exports);
      } catch (error) {
        this.logger.error(`Could not purge a data space: ${(error as Error).message}; the sweep goes on`);
      }
    }
    return purged;
  }

  /**
   * Deletes the archives of exports expired by `now` and marks them EXPIRED, a batch per
   * transaction. The file goes first, under the row's lock: should the commit fail, the row still
   * says SUCCEEDED and the next run deletes (an absent file is no error) and marks it again.
   */
  private expireExports(tenantId: string, now: Date): Promise<number> {
    return this.inBatches(tenantId, async (batch) => {
      const rows: { id: string; storage_key: string }[] = await this.context.manager.query(
        `SELECT id, storage_key FROM tenant_exports WHERE tenant_id = $1 AND status = 'SUCCEEDED' AND expires_at <= $2 LIMIT ${batch} FOR UPDATE`,
        [tenantId, now],
      );
      for (const row of rows) await this.storage.delete(row.storage_key);
      if (rows.length > 0) {
        await this.context.manager.query(
          `UPDATE tenant_exports SET status = 'EXPIRED', storage_key = NULL, updated_at = now() WHERE tenant_id = $1 AND id = ANY ($2::uuid[])`,
          [tenantId, rows.map((row) => row.id)],
        );
      }
      return rows.length;
    });
  }

  private purgeTable(tenantId: string, table: string, expired: string, before: Date): Promise<number> {
    return this.inBatches(tenantId, async (batch) => {
      const [, count] = (await this.context.manager.query(
        `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE tenant_id = $1 AND ${expired} LIMIT ${batch}))`,
        [tenantId, before],
      )) as [unknown, number];
      return count;
    });
  }

  /** Runs `step` (at most DATA_BATCH_SIZE rows) in its own tenant transaction until a batch comes back short; the rows handled. */
  private async inBatches(tenantId: string, step: (batch: number) => Promise<number>): Promise<number> {
    const batch = this.config.DATA_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const handled = await this.transactions.run(tenantId, () => step(batch));
      total += handled;
      if (handled < batch) return total;
    }
  }
}
