import { Module } from '@nestjs/common';
import { CreditsModule } from '../credits/credits.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { LeasesModule } from '../leases/leases.module.js';
import { SignatureProofs } from './proof/signature-proof.service.js';
import { SignatureExpirySweeper } from './signature-expiry.sweeper.js';
import { SignatureOtp } from './signature-otp.service.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { AmendmentSignaturesController, ConditionReportSignaturesController, LeaseSignaturesController } from './signatures.controller.js';
import { LeaseSignable } from './lease-signable.js';
import { Signables } from './signable.js';
import { SignaturesRepository } from './signatures.repository.js';
import { SigningKeys } from './signing-keys.js';
import { ProofKeysController } from './proof/proof-keys.controller.js';
import { AppConfig } from '../../config/app-config.js';
import { SigningLinks, SigningLinksRepository } from './signing-links/signing-links.service.js';

@Module({
  imports: [LeasesModule, DocumentsModule, CreditsModule],
  controllers: [LeaseSignaturesController, AmendmentSignaturesController, ConditionReportSignaturesController, ProofKeysController],
  providers: [
    SignaturesRepository, SignatureWorkflow, SignatureOtp, SignatureProofs, SignatureExpirySweeper, Signables, LeaseSignable,
    { provide: SigningKeys, inject: [AppConfig], useFactory: (config: AppConfig) => SigningKeys.fromConfig(config) },
    // Hosted signing pages (src/modules/signing-page/): links issued at initiation, resolved by token.
    SigningLinks, SigningLinksRepository,
  ],
  exports: [Signables, DocumentsModule, SigningLinks, SignatureOtp, SignaturesRepository],
})
export class SignaturesModule {}
