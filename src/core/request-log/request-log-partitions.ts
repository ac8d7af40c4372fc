import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../jobs/jobs.js';

/** Daily partitions made ahead of time: a week of writes needs no maintenance run. */
const DAYS_AHEAD = 7;

/**
 * The request log's partitions (daily, UTC): the recurring job `request-log.maintain-partitions`
 * calls one SECURITY DEFINER function (the app role has no DDL) that makes the days ahead and
 * drops whole partitions past REQUEST_LOG_RETENTION_DAYS. Expiry is a DROP TABLE, never a DELETE:
 * no dead rows, no vacuum, constant cost whatever the volume.
 */
@Injectable()
export class RequestLogPartitions implements OnModuleInit {
  private readonly logger = new Logger(RequestLogPartitions.name);

  constructor(
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('request-log.maintain-partitions', async () => {
      await this.maintain();
    });
  }

  async maintain(): Promise<{ created: string[]; dropped: string[] }> {
    const [result] = (await this.dataSource.query('SELECT * FROM app.maintain_request_log_partitions($1, $2)', [this.config.REQUEST_LOG_RETENTION_DAYS, DAYS_AHEAD])) as {
      created: string[];
      dropped: string[];
    }[];
    if (result.dropped.length > 0) this.logger.log(`Request log: dropped ${result.dropped.join(', ')} (past ${this.config.REQUEST_LOG_RETENTION_DAYS} days)`);
    return result;
  }
}
