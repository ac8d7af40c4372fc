import { Module } from '@nestjs/common';
import { LeasesModule } from '../leases/leases.module.js';
import { RentModule } from '../rent/rent.module.js';
import { SignaturesModule } from '../signatures/signatures.module.js';
import { AmendmentEffects } from './amendment-effects.js';
import { AmendmentHistory } from './amendment-history.js';
import { AmendmentSignable } from './amendment-signable.js';
import { AmendmentsController } from './amendments.controller.js';
import { AmendmentEventsRepository, AmendmentsRepository } from './amendments.repository.js';
import { AmendmentsService } from './amendments.service.js';
import { AmendmentDocuments } from './documents/amendment-documents.service.js';

/** Amendments (avenants) of running leases: drafted, signed through the one workflow, applied. */
@Module({
  imports: [LeasesModule, RentModule, SignaturesModule],
  controllers: [AmendmentsController],
  providers: [AmendmentsRepository, AmendmentEventsRepository, AmendmentHistory, AmendmentEffects, AmendmentsService, AmendmentDocuments, AmendmentSignable],
})
export class AmendmentsModule {}
