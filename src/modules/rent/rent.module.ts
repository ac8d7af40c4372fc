import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { LeasesModule } from '../leases/leases.module.js';
import { LeaseAccounts } from './account/lease-account.service.js';
import { LeaseLedger } from './account/lease-ledger.service.js';
import { RentCallRunsService } from './calls/rent-call-runs.service.js';
import { RentCallsService } from './calls/rent-calls.service.js';
import { RentDocuments } from './documents/rent-documents.service.js';
import { LeaseRentService } from './lease-rent/lease-rent.service.js';
import { RentPaymentsService } from './payments/rent-payments.service.js';
import { ReceiptsService } from './receipts/receipts.service.js';
import { RentCallsController } from './rent-calls.controller.js';
import { RentMoneyController } from './rent-money.controller.js';
import { RentTermsController } from './rent-terms.controller.js';
import {
  LeaseRentChangesRepository, ReceiptsRepository, RentCallRunsRepository, RentCallsRepository, RentPaymentsRepository, RentRevisionsRepository,
} from './rent.repositories.js';
import { RentRevisionsService } from './revisions/rent-revisions.service.js';
import { LeaseSchedule } from './schedule/lease-schedule.service.js';

/** The rent cycle of running leases: schedule, calls, payments, receipts, arrears, revisions. */
@Module({
  imports: [LeasesModule, DocumentsModule],
  controllers: [RentTermsController, RentCallsController, RentMoneyController],
  providers: [
    LeaseRentChangesRepository, RentCallsRepository, RentCallRunsRepository, RentPaymentsRepository, ReceiptsRepository, RentRevisionsRepository,
    LeaseRentService, LeaseSchedule, LeaseLedger, LeaseAccounts, RentDocuments, RentCallsService, RentCallRunsService, RentPaymentsService, ReceiptsService, RentRevisionsService,
  ],
  exports: [LeaseRentService, LeaseLedger, RentPaymentsService, RentDocuments],
})
export class RentModule {}
