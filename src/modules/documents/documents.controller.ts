import { Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ListLeaseDocumentsQueryDto } from './list-documents.dto.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { LeaseDocument } from './document.entity.js';
import { DocumentsService } from './documents.service.js';

@ApiTags('documents')
@Controller('api')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('leases/:id/pdf')
  @RequirePermissions('leases:write')
  @CreatedAt((document) => `/api/documents/${document.id}`)
  @ApiOperation({ summary: 'Render the lease contract to PDF', description: 'French residential lease contract from the lease as it stands; each call stores version n+1.' })
  @ApiCreatedResponse({ type: LeaseDocument })
  @ApiErrors(400, 404)
  generate(@UuidParam() leaseId: string): Promise<LeaseDocument> {
    return this.documents.generateLeasePdf(leaseId);
  }

  @Get('leases/:id/documents')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List the documents of a lease (every version)' })
  @ApiPage(LeaseDocument)
  @ApiErrors(400, 404)
  list(@UuidParam() leaseId: string, @Query() query: ListLeaseDocumentsQueryDto): Promise<Page<LeaseDocument>> {
    return this.documents.listForLease(leaseId, query);
  }

  @Get('documents/:id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Get a document\'s metadata' })
  @ApiOkResponse({ type: LeaseDocument })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<LeaseDocument> {
    return this.documents.get(id);
  }

  @Get('documents/:id/download')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Download a document', description: 'Streamed `application/pdf`, `Content-Disposition: attachment`.' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  download(@UuidParam() id: string): Promise<StreamableFile> {
    return this.documents.download(id);
  }
}
