import { Module } from '@nestjs/common';
import { LeasesModule } from '../leases/leases.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';

@Module({
  imports: [LeasesModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentsService],
  exports: [DocumentsService, DocumentsRepository],
})
export class DocumentsModule {}
