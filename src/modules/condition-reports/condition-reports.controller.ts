import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { LeaseDocument } from '../documents/document.entity.js';
import { ConditionReport } from './condition-report.entity.js';
import { ConditionReportDocuments } from './condition-report-documents.service.js';
import { ConditionReportsService } from './condition-reports.service.js';
import { ConditionReportComparison } from './dto/comparison.dto.js';
import { CreateConditionReportDto, ListConditionReportsQueryDto, UpdateConditionReportDto } from './dto/condition-report.dto.js';

/** États des lieux of a lease; they are signed through …/{report_id}/signature (signatures module). */
@ApiTags('condition reports')
@Controller('api/leases/:id/condition-reports')
export class ConditionReportsController {
  constructor(
    private readonly reports: ConditionReportsService,
    private readonly documents: ConditionReportDocuments,
  ) {}

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List the condition reports of a lease (its entry and exit reports)' })
  @ApiPage(ConditionReport)
  @ApiErrors(400, 404)
  list(@UuidParam() leaseId: string, @Query() query: ListConditionReportsQueryDto): Promise<Page<ConditionReport>> {
    return this.reports.list(leaseId, query);
  }

  @Post()
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Draw up the entry or exit report (état des lieux, décret n° 2016-382)',
    description: 'ACTIVE or NOTICE leases (422 RULE_VIOLATION `lease_running`); one entry and one exit report per lease (409). Created DRAFT, pre-filled from the unit: walls, floor and ceiling of each room, and each piece of equipment of the building, the unit and its rooms. An exit report starts from the entry report\'s items (same keys), so that the two compare. An exit is not dated before the entry (422 `exit_after_entry`).',
  })
  @ApiCreatedResponse({ type: ConditionReport, description: 'Created; `Location` points at it' })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  create(@UuidParam() leaseId: string, @Body() body: CreateConditionReportDto): Promise<ConditionReport> {
    return this.reports.create(leaseId, body);
  }

  @Get('compare')
  @RequirePermissions('leases:read')
  @ApiOperation({
    summary: 'Entry against exit, item by item, with the wear and what may be deducted',
    description: 'For each item in both reports: both conditions, `worsened`, its age at the exit in whole months (from `installed_on`, else the entry report\'s date) and the tenant\'s share by the lease\'s wear grid: 100 % during `neutral_years`, then linearly down to `residual_percent` at `lifetime_years`, never below. `suggested_deduction` = `repair_cost` × share, to the cent (half up), for worsened items with a repair cost. Needs both reports (422 `entry_and_exit`).',
  })
  @ApiOkResponse({ type: ConditionReportComparison })
  @ApiErrors(400, 404, 422)
  compare(@UuidParam() leaseId: string): Promise<ConditionReportComparison> {
    return this.reports.compare(leaseId);
  }

  @Get(':report_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Get a condition report' })
  @ApiOkResponse({ type: ConditionReport })
  @ApiErrors(400, 404)
  get(@UuidParam() leaseId: string, @UuidParam('report_id') id: string): Promise<ConditionReport> {
    return this.reports.get(leaseId, id);
  }

  @Put(':report_id')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Fill in a DRAFT report (partial; PATCH is a synonym)',
    description: 'DRAFT only (409). `items` changes items by key (absent fields kept, `null` clears) or adds new keys (label and item_kind required); `remove_items` removes keys; `meters` and `keys` replace the lists. Rooms and equipment must be the unit\'s, photos this organisation\'s media (404). Repair costs and the forwarding address are for exit reports (422). Any change clears `document_id`: make a new PDF before signing.',
  })
  @ApiOkResponse({ type: ConditionReport })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  update(@UuidParam() leaseId: string, @UuidParam('report_id') id: string, @Body() body: UpdateConditionReportDto): Promise<ConditionReport> {
    return this.reports.update(leaseId, id, body);
  }

  @Delete(':report_id')
  @HttpCode(204)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Delete a DRAFT report', description: 'DRAFT only (409): a report under signature or signed stays.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() leaseId: string, @UuidParam('report_id') id: string): Promise<void> {
    await this.reports.delete(leaseId, id);
  }

  @Post(':report_id/pdf')
  @RequirePermissions('leases:write')
  @CreatedAt((document) => `/api/documents/${document.id}`)
  @ApiOperation({
    summary: 'Render the report to PDF (in French), the version to sign',
    description: 'DRAFT only (409). Parties, dwelling, date, meters, keys, each room\'s elements and their condition, the lessee\'s new address at exit, and the mentions of art. 3-2 of loi n° 89-462. Each call stores version n+1 (kind `condition_report_pdf`) and names it in the report\'s `document_id`.',
  })
  @ApiCreatedResponse({ type: LeaseDocument })
  @ApiErrors(400, 404, 409, 422)
  pdf(@UuidParam() leaseId: string, @UuidParam('report_id') id: string): Promise<LeaseDocument> {
    return this.documents.generate(leaseId, id);
  }
}
