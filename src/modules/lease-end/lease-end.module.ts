import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { LeasesModule } from '../leases/leases.module.js';
import { RentModule } from '../rent/rent.module.js';
import { DepositReturnService } from './deposit/deposit-return.service.js';
import { LeaseEndController } from './lease-end.controller.js';
import { DepositSettlementsRepository, LeaseEndFacts, LeaseNoticesRepository, LeaseTerminationsRepository } from './lease-end.repositories.js';
import { NoticesService } from './notices/notices.service.js';
import { TerminationService } from './termination/termination.service.js';

/** The end of a lease: notices, the termination workflow, the deposit's return. */
@Module({
  imports: [LeasesModule, RentModule, DocumentsModule],
  controllers: [LeaseEndController],
  providers: [LeaseNoticesRepository, LeaseTerminationsRepository, DepositSettlementsRepository, LeaseEndFacts, NoticesService, TerminationService, DepositReturnService],
  exports: [TerminationService],
})
export class LeaseEndModule {}
