import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { refuseNestedPoolConnections } from '../core/tenancy/nested-connection-guard.js';
import { HOLDS_CONNECTION } from '../core/tenancy/tenant-transactions.js';
import { createDataSource } from './data-source.js';
import { JOBS_DATA_SOURCE } from './tokens.js';
import { isolationProblems } from './self-check.js';

/**
 * The app-role pool, checked before the API serves anything: if isolation could silently not
 * apply (superuser, BYPASSRLS, table owner, a table without FORCE RLS), start-up fails loudly.
 * Inside a tenant transaction the pool refuses a second connection (nested-connection-guard).
 */

@Global()
@Module({
  providers: [
    {
      provide: JOBS_DATA_SOURCE,
      inject: [AppConfig, ClsService, DataSource],
      useFactory: async (config: AppConfig, cls: ClsService, _requests: DataSource) => {
        // Made after the request pool, whose start-up checks apply to the same role and database.
        const dataSource = await createDataSource({ url: config.DATABASE_URL!, poolSize: config.JOBS_POOL_SIZE, applicationName: 'faireplace-jobs' }).initialize();
        refuseNestedPoolConnections(dataSource, () => cls.isActive() && cls.get(HOLDS_CONNECTION) === true);
        return dataSource;
      },
    },
    {
      provide: DataSource,
      inject: [AppConfig, ClsService],
      useFactory: async (config: AppConfig, cls: ClsService) => {
        if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (main.ts starts the embedded database when it is absent)');
        const dataSource = await createDataSource({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }).initialize();
        if (!config.BENCH_BYPASS_TENANCY) {
          const problems = await isolationProblems((sql) => dataSource.query(sql));
          if (problems.length > 0) {
            await dataSource.destroy();
            throw new Error(`Refusing to start: tenant isolation is not guaranteed:\n  - ${problems.join('\n  - ')}`);
          }
        }
        refuseNestedPoolConnections(dataSource, () => cls.isActive() && cls.get(HOLDS_CONNECTION) === true);
        return dataSource;
      },
    },
  ],
  exports: [DataSource, JOBS_DATA_SOURCE],
})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JOBS_DATA_SOURCE) private readonly jobsDataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.jobsDataSource.isInitialized) await this.jobsDataSource.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('Database pool closed');
  }
}
