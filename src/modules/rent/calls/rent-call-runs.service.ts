import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Jobs } from '../../../core/jobs/jobs.js';
import type { SortedListQuery } from '../../../core/pagination/list-query.dto.js';
import type { Page } from '../../../core/pagination/page.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { JobTransactions } from '../../../core/tenancy/tenant-transactions.js';
import { DomainError } from '../../../core/errors/domain-errors.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { RentCallRunsRepository } from '../rent.repositories.js';
import { RUNNING_STATUSES } from '../rent-rules.js';
import type { RentCallRun } from './rent-call.entity.js';
import { RentCallsService } from './rent-calls.service.js';

/**
 * The monthly bulk run: every ACTIVE or NOTICE lease of the tenant gets its call for the month, in
 * the background (the `rent-calls.run` job, on the jobs' own pool: the run never takes more than
 * JOBS_POOL_SIZE connections from the API). One run per month: asking again returns it (and, once
 * finished, runs it again: only leases still missing their call get one). Each lease is called in
 * its own transaction, so one failure is counted and the others go on.
 */
@Injectable()
export class RentCallRunsService implements OnModuleInit {
  private readonly logger = new Logger(RentCallRunsService.name);

  constructor(
    private readonly runs: RentCallRunsRepository,
    private readonly leases: LeasesRepository,
    private readonly calls: RentCallsService,
    private readonly context: TenantContext,
    private readonly transactions: JobTransactions,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('rent-calls.run', ({ tenant_id, run_id }) => this.execute(tenant_id, run_id));
  }

  /** POST /rent-calls/runs {month}: 202 with the run; a run already queued or running is returned as it is. */
  async start(month: string): Promise<RentCallRun> {
    const monthStart = `${month}-01`;
    const existing = await this.runs.findByMonth(monthStart);
    if (existing && (existing.status === 'QUEUED' || existing.status === 'RUNNING')) return existing;
    const run = existing
      ? await this.runs.update(existing.id, { status: 'QUEUED', done: 0, failed: 0, failures: [], started_at: null, finished_at: null })
      : await this.runs.insert({ month: monthStart, status: 'QUEUED', total: 0, done: 0, failed: 0, failures: [], started_at: null, finished_at: null });
    await this.jobs.enqueue('rent-calls.run', { tenant_id: this.context.tenantId, run_id: run.id });
    return run;
  }

  get(id: string): Promise<RentCallRun> {
    return this.runs.getById(id);
  }

  list(query: SortedListQuery): Promise<Page<RentCallRun>> {
    return this.runs.list(query);
  }

  /**
   * The job: list the running leases, then call each in its own transaction. A run that is gone
   * (its tenant was erased while the job waited) leaves nothing to do: the job ends, not retries.
   */
  async execute(tenantId: string, runId: string): Promise<void> {
    const started = await this.transactions.run(tenantId, async () => {
      const run = await this.runs.findByIdForUpdate(runId);
      if (!run) return undefined;
      const ids = (await this.context.manager.query(
        `SELECT id FROM leases WHERE tenant_id = $1 AND status = ANY($2) AND start_date < ($3::date + interval '1 month') AND (end_date IS NULL OR end_date >= $3::date) ORDER BY id`,
        [tenantId, RUNNING_STATUSES, run.month],
      )) as { id: string }[];
      await this.runs.update(runId, { status: 'RUNNING', total: ids.length, done: 0, failed: 0, failures: [], started_at: new Date() });
      return { month: run.month.slice(0, 7), leaseIds: ids.map((row) => row.id) };
    });
    if (!started) {
      this.logger.warn(`Rent call run ${runId}: not found (its tenant was erased?); nothing to do`);
      return;
    }
    const { month, leaseIds } = started;
    for (const leaseId of leaseIds) {
      try {
        await this.transactions.run(tenantId, async () => {
          const lease = await this.leases.lockById(leaseId);
          await this.calls.issue(lease, month, runId).catch((error: unknown) => {
            // A lease with no period starting this month (a quarterly one, say) has nothing to call.
            if (error instanceof DomainError && error.details.rule === 'period_in_lease') return undefined;
            throw error;
          });
          await this.runs.count(runId, { done: true });
        });
      } catch (error) {
        this.logger.warn(`Rent call run ${runId}: lease ${leaseId} failed: ${(error as Error).message}`);
        await this.transactions.run(tenantId, () => this.runs.count(runId, { done: false, failure: { lease_id: leaseId, message: (error as Error).message.slice(0, 300) } }));
      }
    }
    await this.transactions.run(tenantId, async () => {
      const run = await this.runs.lockById(runId);
      await this.runs.update(runId, { status: run.failed > 0 ? 'COMPLETED_WITH_FAILURES' : 'COMPLETED', finished_at: new Date() });
    });
  }
}
