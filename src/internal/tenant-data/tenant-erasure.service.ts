import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { NotFoundError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { ObjectStorage } from '../../core/storage/object-storage.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Tenant } from '../tenants/tenant.entity.js';
import type { TenantErasureDto } from './tenant-data.dto.js';

interface ErasureRow {
  data_spaces: string[];
  requested_at: Date;
  files_removed_at: Date | null;
  completed_at: Date | null;
  row_counts: Record<string, number>;
}

/**
 * Erasing a tenant (SPEC section 7): requested in the tenant's own transaction (tombstone, API
 * keys gone at once, the `tenants.erase` job enqueued), then done by the job through the narrow
 * SECURITY DEFINER functions: stored files first, then app.erase_tenant_batch() until it says
 * done. Every step is idempotent and its progress is in the database, so a job cut by a crash
 * is retried by pg-boss and resumes where the tables say it stopped.
 */
@Injectable()
export class TenantErasureService implements OnModuleInit {
  private readonly logger = new Logger(TenantErasureService.name);

  constructor(
    private readonly context: TenantContext,
    private readonly jobs: Jobs,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
    @Inject(JOBS_DATA_SOURCE) private readonly jobsDataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('tenants.erase', ({ tenant_id: tenantId }) => this.erase(tenantId));
  }

  /** In the tenant's transaction: `confirm` must be its id or exact name; live tenants only. */
  async request(confirm: string): Promise<TenantErasureDto> {
    const tenantId = this.context.tenantId;
    const tenant = await this.context.manager.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant) throw new NotFoundError('Tenant');
    if (tenant.sandbox_of) throw new RuleViolationError('A sandbox data space is erased with its live tenant');
    if (confirm !== tenant.id && confirm !== tenant.name) {
      throw new RuleViolationError('confirm must be the tenant id or its exact name', { field: 'confirm' });
    }
    await this.context.manager.query('SELECT * FROM app.request_tenant_erasure($1)', [tenantId]);
    await this.jobs.enqueue('tenants.erase', { tenant_id: tenantId });
    return this.status(tenantId);
  }

  /** The tombstone, whether the tenant still exists or not. */
  async status(tenantId: string): Promise<TenantErasureDto> {
    const row = await this.tombstone(tenantId);
    if (!row) throw new NotFoundError('Erasure');
    return {
      tenant_id: tenantId,
      status: row.completed_at ? 'COMPLETED' : 'IN_PROGRESS',
      requested_at: row.requested_at,
      files_removed_at: row.files_removed_at,
      completed_at: row.completed_at,
      row_counts: Object.fromEntries(Object.entries(row.row_counts).map(([table, count]) => [table, Number(count)])),
    };
  }

  /** The job: files, then rows in batches (each call of the function its own short transaction). */
  async erase(tenantId: string): Promise<void> {
    const row = await this.tombstone(tenantId);
    if (!row || row.completed_at) return;
    if (!row.files_removed_at) {
      for (const space of row.data_spaces) await this.storage.deleteTenant(space);
      await this.jobsDataSource.query('SELECT app.mark_tenant_files_erased($1)', [tenantId]);
    }
    let batches = 0;
    for (;;) {
      const [step] = (await this.jobsDataSource.query('SELECT * FROM app.erase_tenant_batch($1, $2)', [tenantId, this.config.DATA_BATCH_SIZE])) as { done: boolean }[];
      batches++;
      if (step.done) break;
    }
    this.logger.log(`Tenant erased in ${batches} batches`);
  }

  private async tombstone(tenantId: string): Promise<ErasureRow | undefined> {
    const db = this.context.inTransaction ? this.context.manager : this.jobsDataSource;
    const [row] = (await db.query('SELECT * FROM app.tenant_erasure($1)', [tenantId])) as ErasureRow[];
    return row;
  }
}
