import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../jobs/jobs.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';

const TENANTS_PER_RUN = 500;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface PurgeCutoffs {
  idempotency: Date;
  outbox: Date;
  deliveries: Date;
}

/**
 * What is deleted once past its retention period (settings in src/config), each statement
 * deleting at most DATA_BATCH_SIZE rows (short locks) with the tenant's filter explicit as well.
 */
const PURGES: { name: keyof PurgeCutoffs; table: string; expired: string }[] = [
  { name: 'idempotency', table: 'idempotency_keys', expired: 'expires_at < $2' },
  // Only delivered messages (also what the restrictive delete policy allows the app role).
  { name: 'outbox', table: 'outbox_messages', expired: 'delivered_at < $2' },
  { name: 'deliveries', table: 'webhook_deliveries', expired: "status IN ('SUCCEEDED', 'FAILED') AND created_at < $2" },
];

/**
 * The recurring `retention.purge` job: finds the data spaces holding records past their retention
 * (a SECURITY DEFINER finder returning ids only), then purges each in its own tenant
 * transactions, one batch per transaction.
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
  ) {}

  onModuleInit(): void {
    this.jobs.handle('retention.purge', async () => {
      await this.purge();
    });
  }

  cutoffs(now = new Date()): PurgeCutoffs {
    return {
      idempotency: new Date(now.getTime() - this.config.IDEMPOTENCY_RETENTION_HOURS * HOUR_MS),
      outbox: new Date(now.getTime() - this.config.OUTBOX_RETENTION_DAYS * DAY_MS),
      deliveries: new Date(now.getTime() - this.config.WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS),
    };
  }

  /** Returns how many rows of each kind it deleted. */
  async purge(now = new Date()): Promise<Record<keyof PurgeCutoffs, number>> {
    const cutoffs = this.cutoffs(now);
    const purged = { idempotency: 0, outbox: 0, deliveries: 0 };
    const tenants: { tenant_id: string }[] = await this.dataSource.query('SELECT * FROM app.tenants_with_purgeable_records($1, $2, $3, $4)', [
      cutoffs.idempotency,
      cutoffs.outbox,
      cutoffs.deliveries,
      TENANTS_PER_RUN,
    ]);
    for (const { tenant_id: tenantId } of tenants) {
      try {
        for (const purge of PURGES) purged[purge.name] += await this.purgeTable(tenantId, purge.table, purge.expired, cutoffs[purge.name]);
      } catch (error) {
        this.logger.error(`Could not purge a data space: ${(error as Error).message}; the sweep goes on`);
      }
    }
    return purged;
  }

  private async purgeTable(tenantId: string, table: string, expired: string, before: Date): Promise<number> {
    const batch = this.config.DATA_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const deleted = await this.transactions.run(tenantId, async () => {
        const [, count] = (await this.context.manager.query(
          `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE tenant_id = $1 AND ${expired} LIMIT ${batch}))`,
          [tenantId, before],
        )) as [unknown, number];
        return count;
      });
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
