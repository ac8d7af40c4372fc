import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../../config/app-config.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { type JobPayloads, type QueueName, RECURRING } from './job-queues.js';
import { PausedTenants } from './paused-tenants.js';

export type JobHandler<Q extends QueueName> = (data: JobPayloads[Q]) => Promise<void>;

/** A job of a suspended tenant waits this long before it looks again (SPEC section 7: its work pauses). */
const PAUSED_JOB_DELAY_SECONDS = 60;

/**
 * The one background-job mechanism (pg-boss on PostgreSQL): features register a handler per
 * queue and enqueue ids. Enqueued inside a tenant transaction, the job row is written by that
 * transaction (no job for a rolled-back change, no change without its job). Workers poll with
 * SKIP LOCKED on their own small pool, so several instances share the work without duplicates;
 * a handler opens its tenant's transaction itself (TenantTransactions.run).
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Jobs.name);
  private readonly boss: PgBoss;
  private readonly handlers = new Map<QueueName, JobHandler<QueueName>>();
  private readonly concurrency = new Map<QueueName, number>();
  private started?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly context: TenantContext,
    private readonly paused: PausedTenants,
  ) {
    this.boss = new PgBoss({
      connectionString: config.DATABASE_URL,
      max: config.JOBS_POOL_SIZE,
      application_name: 'faireplace-jobs',
      schema: 'pgboss',
      migrate: false, // the schema is ours (db/migrations): the app role cannot change it
      supervise: config.JOBS_WORKERS,
      schedule: config.JOBS_WORKERS,
      maintenanceIntervalSeconds: config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
    });
    this.boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${error.message}`));
  }

  /** `concurrency`: how many of the queue's jobs this process runs at the same time (one worker each). */
  handle<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, { concurrency = 1 }: { concurrency?: number } = {}): void {
    this.handlers.set(queue, handler as JobHandler<QueueName>);
    this.concurrency.set(queue, concurrency);
  }

  /** Adds a job; inside a tenant transaction, as part of it. */
  async enqueue<Q extends QueueName>(queue: Q, data: JobPayloads[Q], options: { startAfterSeconds?: number } = {}): Promise<void> {
    await this.ready();
    const db = this.context.inTransaction ? transactionExecutor(this.context) : undefined;
    await this.boss.send(queue, data, { db, startAfter: options.startAfterSeconds });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
    if (!this.config.JOBS_WORKERS) return;
    for (const [queue, handler] of this.handlers) {
      for (let worker = 0; worker < (this.concurrency.get(queue) ?? 1); worker++) await this.startWorker(queue, handler);
      const cron = RECURRING[queue];
      if (cron) await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000, wait: true }).catch(() => undefined);
  }

  /**
   * Runs the queue's waiting jobs now, in this process, until none is left; returns how many ran.
   * For tests and one-off commands (workers do the same continuously). `only` leaves other jobs
   * waiting, untouched: suites sharing a database run their own tenants' jobs only.
   */
  async runPending<Q extends QueueName>(queue: Q, only: (data: JobPayloads[Q]) => boolean = () => true): Promise<number> {
    await this.ready();
    const handler = this.handlers.get(queue);
    if (!handler) throw new Error(`No handler for queue ${queue}`);
    let ran = 0;
    for (;;) {
      const jobs = (await this.boss.fetch<JobPayloads[Q]>(queue, { batchSize: 100 })) ?? [];
      const mine = jobs.filter((job) => only(job.data));
      // Not ours: back to waiting as they were (cancel then resume keeps their retry count).
      for (const job of jobs.filter((candidate) => !mine.includes(candidate))) {
        await this.boss.cancel(queue, job.id);
        await this.boss.resume(queue, job.id);
      }
      if (mine.length === 0) return ran;
      for (const job of mine) {
        try {
          await this.run(queue, handler, job as PgBoss.Job<JobPayloads[QueueName]>);
          await this.boss.complete(queue, job.id);
        } catch (error) {
          await this.boss.fail(queue, job.id, { message: (error as Error).message });
        }
        ran++;
      }
    }
  }

  /**
   * One worker: a job at a time. After a job that succeeded it looks again at once (there may be
   * more waiting) instead of sleeping a polling interval; it sleeps only when the queue is empty
   * or after a failure.
   */
  private async startWorker(queue: QueueName, handler: JobHandler<QueueName>): Promise<void> {
    let workerId: string | undefined;
    workerId = await this.boss.work<JobPayloads[QueueName]>(queue, { batchSize: 1, pollingIntervalSeconds: this.config.JOBS_POLL_INTERVAL_SECONDS }, async ([job]) => {
      await this.run(queue, handler, job);
      if (workerId) this.boss.notifyWorker(workerId);
    });
  }

  /**
   * A tenant's job while the tenant is suspended is not run: a copy waits a minute and looks again,
   * so its work resumes soon after reactivation, unchanged. Sweeps across tenants skip suspended
   * ones themselves (isPaused).
   */
  private async run(queue: QueueName, handler: JobHandler<QueueName>, job: PgBoss.Job<JobPayloads[QueueName]>): Promise<void> {
    const tenantId = (job.data as { tenant_id?: string }).tenant_id;
    if (tenantId && (await this.paused.has(tenantId))) {
      await this.boss.send(queue, job.data, { startAfter: PAUSED_JOB_DELAY_SECONDS });
      return;
    }
    try {
      await handler(job.data);
    } catch (error) {
      this.logger.warn(`Job ${queue} ${job.id} failed: ${(error as Error).message}`);
      throw error; // pg-boss retries it per the queue's policy
    }
  }

  /** The data spaces whose background work is paused (suspended tenants and their twins). */
  pausedTenants(): Promise<ReadonlySet<string>> {
    return this.paused.current();
  }

  private ready(): Promise<unknown> {
    this.started ??= this.boss.start();
    return this.started;
  }
}

/** pg-boss's statements on the tenant transaction's own connection. */
function transactionExecutor(context: TenantContext): PgBoss.Db {
  const runner = context.manager.queryRunner!;
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: (await runner.query(text, values, true)).records as unknown[] }),
  };
}
