import { Module } from '@nestjs/common';
import { InternalTokenGuard } from '../internal-token.guard.js';
import { TenantDataController } from './tenant-data.controller.js';
import { TenantErasureService } from './tenant-erasure.service.js';
import { TenantExportWriter } from './tenant-export-writer.js';
import { TenantExportsService } from './tenant-exports.service.js';

/** Tenant export archives and tenant erasure (issue 15). */
@Module({
  controllers: [TenantDataController],
  providers: [InternalTokenGuard, TenantExportsService, TenantExportWriter, TenantErasureService],
  exports: [TenantErasureService, TenantExportWriter],
})
export class TenantDataModule {}
