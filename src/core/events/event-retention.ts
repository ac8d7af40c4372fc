import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../jobs/jobs.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';
import { EVENT_RETENTION_DAYS } from './event-types.js';
import { EventsRepository } from './events.repository.js';
import { plusDays } from '../time/instants.js';

const TENANTS_PER_RUN = 500;

/**
 * Events are kept 30 days: the recurring `events.purge-expired` job finds the data spaces holding
 * older ones (a SECURITY DEFINER finder that returns ids only), then deletes them in each one's
 * own transaction; their deliveries go with them (ON DELETE CASCADE).
 */
@Injectable()
export class EventRetention implements OnModuleInit {
  private readonly logger = new Logger(EventRetention.name);

  constructor(
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly transactions: JobTransactions,
    private readonly events: EventsRepository,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('events.purge-expired', async () => {
      await this.purge();
    });
  }

  /** Returns how many events it deleted. */
  async purge(now = new Date()): Promise<number> {
    const before = plusDays(now, -EVENT_RETENTION_DAYS);
    const tenants: { tenant_id: string }[] = await this.dataSource.query('SELECT * FROM app.tenants_with_events_before($1, $2)', [before, TENANTS_PER_RUN]);
    const paused = await this.jobs.pausedTenants();
    let purged = 0;
    for (const { tenant_id: tenantId } of tenants) {
      if (paused.has(tenantId)) continue; // nothing of a suspended tenant's data changes
      try {
        purged += await this.transactions.run(tenantId, () => this.events.purgeBefore(before));
      } catch (error) {
        this.logger.error(`Could not purge the events of a data space: ${(error as Error).message}; the sweep goes on`);
      }
    }
    return purged;
  }
}
