import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ListQueryDto } from '../../core/pagination/list-query.dto.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { LeaseDocument } from '../documents/document.entity.js';
import { AmendmentHistoryEntry } from './amendment-history.js';
import { Amendment } from './amendment.entity.js';
import { AmendmentsService } from './amendments.service.js';
import { AmendmentDocuments } from './documents/amendment-documents.service.js';
import { CreateAmendmentDto, ListAmendmentsQueryDto, UpdateAmendmentDto } from './dto/amendment.dto.js';

/** Amendments (avenants) of a lease; signing them is under …/{amendment_id}/signature (signatures:*). */
@ApiTags('amendments')
@Controller('api/leases/:id/amendments')
export class AmendmentsController {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly documents: AmendmentDocuments,
  ) {}

  @Post()
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Draft an amendment (DRAFT)',
    description: 'ACTIVE or NOTICE leases (else 422 `lease_running`). `changes` by type (400 naming `changes.<field>`). Rules (422 RULE_VIOLATION, `details.rule`): effective_date not before the lease starts (`effective_in_lease`); a new end date after the start, the current end and the effective date (`end_after_start`, `end_after_current_end`, `end_after_effective`); a co-tenant who leaves is a current tenant (404 if not on the lease, 409 if no longer a tenant) whose congé precedes its effect (`notice_before_effect`); a lessee who joins exists (404) and never held that role on the lease (409). Rent rules (dates, F/G freeze) are checked when it is applied.',
  })
  @ApiCreatedResponse({ type: Amendment })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  create(@UuidParam() leaseId: string, @Body() body: CreateAmendmentDto): Promise<Amendment> {
    return this.amendments.create(leaseId, body);
  }

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List the lease\'s amendments' })
  @ApiPage(Amendment)
  @ApiErrors(400, 404)
  list(@UuidParam() leaseId: string, @Query() query: ListAmendmentsQueryDto): Promise<Page<Amendment>> {
    return this.amendments.list(leaseId, query);
  }

  @Get(':amendment_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Get an amendment' })
  @ApiOkResponse({ type: Amendment })
  @ApiErrors(400, 404)
  get(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string): Promise<Amendment> {
    return this.amendments.get(leaseId, id);
  }

  @Put(':amendment_id')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Edit a DRAFT amendment (partial; PATCH is a synonym)', description: '409 once signing started. The same checks as drafting; make its PDF again before signing (422 `pdf_outdated`).' })
  @ApiOkResponse({ type: Amendment })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  update(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string, @Body() body: UpdateAmendmentDto): Promise<Amendment> {
    return this.amendments.update(leaseId, id, body);
  }

  @Post(':amendment_id/cancel')
  @HttpCode(200)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Cancel a DRAFT or SIGNED amendment', description: '409 while being signed (cancel the signature first) or once APPLIED or CANCELLED.' })
  @ApiOkResponse({ type: Amendment })
  @ApiErrors(400, 404, 409)
  cancel(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string): Promise<Amendment> {
    return this.amendments.cancel(leaseId, id);
  }

  @Post(':amendment_id/pdf')
  @RequirePermissions('leases:write')
  @CreatedAt((document) => `/api/documents/${document.id}`)
  @ApiOperation({ summary: 'Make the amendment\'s PDF (avenant, in French) as its next version', description: 'DRAFT only (409). A specimen in the sandbox. Signing takes the latest version.' })
  @ApiCreatedResponse({ type: LeaseDocument })
  @ApiErrors(400, 404, 409, 422)
  pdf(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string): Promise<LeaseDocument> {
    return this.documents.generate(leaseId, id);
  }

  @Post(':amendment_id/apply')
  @HttpCode(200)
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Apply a SIGNED amendment to its lease (APPLIED)',
    description: '409 unless SIGNED. In one transaction: duration_change, renewal → the lease\'s end_date; rent_change → a rent change from effective_date (422 `dpe_rent_freeze` for a rise of F/G housing, art. 159 loi n° 2021-1104; `after_start`, `before_end`); co_tenant_added → a party from effective_date; co_tenant_removed → the party ends at effective_date, jointly liable until `solidarity_until` (art. 8-1 VI loi n° 89-462), and a tenant must remain (`needs_tenant`). The drafting rules are checked again.',
  })
  @ApiOkResponse({ type: Amendment })
  @ApiErrors(400, 404, 409, 422)
  apply(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string): Promise<Amendment> {
    return this.amendments.apply(leaseId, id);
  }

  @Get(':amendment_id/history')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Every change of the amendment, oldest first: action, actor (key prefix), time, the fields before and after' })
  @ApiPage(AmendmentHistoryEntry)
  @ApiErrors(400, 404)
  history(@UuidParam() leaseId: string, @UuidParam('amendment_id') id: string, @Query() query: ListQueryDto): Promise<Page<AmendmentHistoryEntry>> {
    return this.amendments.historyOf(leaseId, id, query);
  }
}
