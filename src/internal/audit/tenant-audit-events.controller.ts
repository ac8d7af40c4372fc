import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditEvent, AuditEventDto } from '../../core/audit/audit-event.entity.js';
import { AUDIT_LIST_DESCRIPTION } from '../../core/audit/audit-events.controller.js';
import { ListTenantAuditEventsQueryDto } from '../../core/audit/audit-events.dto.js';
import { AuditEventsRepository } from '../../core/audit/audit-events.repository.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';

/** A tenant's audit trail for the dashboard backend: the same list as GET /api/audit-events. */
@ApiTags('internal: audit')
@InternalApi()
@ReachesSandbox()
@Controller('internal/tenants/:tenant_id/audit-events')
export class TenantAuditEventsController {
  constructor(private readonly events: AuditEventsRepository) {}

  @Get()
  @ApiOperation({ summary: "A tenant's audit events", description: AUDIT_LIST_DESCRIPTION })
  @ApiPage(AuditEventDto)
  @ApiErrors(400, 401)
  list(@UuidParam('tenant_id') _tenantId: string, @Query() query: ListTenantAuditEventsQueryDto): Promise<Page<AuditEvent>> {
    return this.events.list(query);
  }
}
