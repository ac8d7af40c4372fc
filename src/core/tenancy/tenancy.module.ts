import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { BypassTenantTransactions } from './bypass-tenant-transactions.js';
import { TenantContext } from './tenant-context.js';
import { JobTransactions, TenantTransactions } from './tenant-transactions.js';

@Global()
@Module({
  providers: [
    TenantContext,
    BypassTenantTransactions,
    {
      provide: TenantTransactions,
      inject: [AppConfig, TenantTransactions.name, BypassTenantTransactions],
      useFactory: (config: AppConfig, isolated: TenantTransactions, bypass: BypassTenantTransactions) =>
        config.BENCH_BYPASS_TENANCY ? bypass : isolated,
    },
    { provide: TenantTransactions.name, useClass: TenantTransactions },
    JobTransactions,
  ],
  exports: [TenantContext, TenantTransactions, JobTransactions],
})
export class TenancyModule {}
