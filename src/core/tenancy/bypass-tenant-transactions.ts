import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { newTransactionHooks } from './tenant-context.js';

/**
 * Benchmark baseline only (NODE_ENV=bench, BENCH_BYPASS_TENANCY=true, connected as the table
 * owner): the same work without a transaction or tenant setting, to measure what isolation costs.
 * Repositories still filter by tenant_id explicitly, so answers stay the same.
 */
@Injectable()
export class BypassTenantTransactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const execute = async () => {
      this.cls.set('tenantId', tenantId);
      this.cls.set('manager', this.dataSource.manager);
      const hooks = newTransactionHooks();
      this.cls.set('hooks', hooks);
      let succeeded = false;
      try {
        const result = await work();
        for (const hook of hooks.beforeCommit) await hook();
        succeeded = true;
        return result;
      } finally {
        this.cls.set('manager', undefined);
        this.cls.set('tenantId', undefined);
        this.cls.set('hooks', undefined);
        for (const hook of succeeded ? hooks.afterCommit : hooks.afterRollback) await hook().catch(() => undefined);
      }
    };
    return this.cls.isActive() ? execute() : this.cls.run(execute);
  }
}
