import { Module } from '@nestjs/common';
import { LeaseEndModule } from '../lease-end/lease-end.module.js';
import { LeasesModule } from '../leases/leases.module.js';
import { SignaturesModule } from '../signatures/signatures.module.js';
import { ConditionReportDocuments } from './condition-report-documents.service.js';
import { ConditionReportSignable } from './condition-report-signable.js';
import { ConditionReportsController } from './condition-reports.controller.js';
import { ConditionReportsRepository } from './condition-reports.repository.js';
import { ConditionReportsService } from './condition-reports.service.js';
import { WearGridController } from './wear-grid.controller.js';

/** États des lieux (entry, exit), their PDFs, their signature (as a signable kind), the wear grid. */
@Module({
  imports: [LeasesModule, SignaturesModule, LeaseEndModule],
  controllers: [ConditionReportsController, WearGridController],
  providers: [ConditionReportsRepository, ConditionReportsService, ConditionReportDocuments, ConditionReportSignable],
})
export class ConditionReportsModule {}
