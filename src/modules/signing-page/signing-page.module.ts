import { Module } from '@nestjs/common';
import { LeasesModule } from '../leases/leases.module.js';
import { SignaturesModule } from '../signatures/signatures.module.js';
import { DocumentSummaries } from './document-summary.js';
import { SigningAccess } from './signing-access.js';
import { SigningAssets } from './signing-assets.js';
import { SigningPageController } from './signing-page.controller.js';
import { SigningPages } from './signing-pages.service.js';

/** Hosted signing pages `/sign/{token}`: the signer's page, the PDF, the code and the signature, without an API key. */
@Module({
  imports: [SignaturesModule, LeasesModule],
  controllers: [SigningPageController],
  providers: [SigningPages, SigningAccess, SigningAssets, DocumentSummaries],
})
export class SigningPageModule {}
