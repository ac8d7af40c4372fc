import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Jobs } from '../../core/jobs/jobs.js';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';

const BATCH = 500;
/** A delivery whose job has not run this long after it was due has lost its job. */
const LATE = '15 minutes';

/**
 * The safety net under the delivery jobs: a delivery is written with its job in one transaction,
 * and a worker that dies has its job expired and retried by pg-boss; but a job whose own retries
 * ran out (the database away for hours), or one removed by hand, would leave its delivery waiting
 * forever. Every 5 minutes `webhooks.requeue-stranded` finds those (ids only, through a SECURITY
 * DEFINER finder) and enqueues them again. A delivery that still has its job gets a second one,
 * which finds it claimed or done and does nothing.
 */
@Injectable()
export class WebhookStrandedSweeper implements OnModuleInit {
  private readonly logger = new Logger(WebhookStrandedSweeper.name);

  constructor(
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('webhooks.requeue-stranded', async () => {
      await this.sweep();
    });
  }

  /** Returns how many deliveries it enqueued again. */
  async sweep(late = LATE): Promise<number> {
    const stranded: { tenant_id: string; delivery_id: string }[] = await this.dataSource.query('SELECT * FROM app.stranded_webhook_deliveries($1::interval, $2)', [late, BATCH]);
    const paused = await this.jobs.pausedTenants();
    for (const { tenant_id: tenantId, delivery_id: deliveryId } of stranded) if (!paused.has(tenantId)) await this.jobs.enqueue('webhooks.deliver', { tenant_id: tenantId, delivery_id: deliveryId });
    if (stranded.length > 0) this.logger.warn(`${stranded.length} webhook deliveries had lost their job: enqueued again`);
    return stranded.length;
  }
}
