import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import type { Page } from '../pagination/page.js';
import { ApiErrors, ApiPage } from '../swagger/api-docs.decorators.js';
import { type AuditEvent, AuditEventDto } from './audit-event.entity.js';
import { ListAuditEventsQueryDto } from './audit-events.dto.js';
import { AuditEventsRepository } from './audit-events.repository.js';

export const AUDIT_LIST_DESCRIPTION =
  'Every row a request created, changed or deleted, newest first; kept forever. Filters: `resource_type` and `resource_id` (one resource\'s history), `actor` (a user id, a key prefix, or `internal`), `action`, `from` (at or after), `to` (before). Secrets are "[redacted]"; personal fields are named, never valued.';

/** The data space's audit trail (docs/audit.md). */
@ApiTags('audit')
@Controller('api/audit-events')
export class AuditEventsController {
  constructor(private readonly events: AuditEventsRepository) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'List audit events', description: AUDIT_LIST_DESCRIPTION })
  @ApiPage(AuditEventDto)
  @ApiErrors(400)
  list(@Query() query: ListAuditEventsQueryDto): Promise<Page<AuditEvent>> {
    return this.events.list(query);
  }
}
