import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';

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
      try {
        return await work();
      } finally {
        this.cls.set('manager', undefined);
        this.cls.set('tenantId', undefined);
      }
    };
    return this.cls.isActive() ? execute() : this.cls.run(execute);
  }
}
