import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OutboxMessage } from '../../core/notifications/outbox-message.entity.js';
import { OutboxRepository } from '../../core/notifications/outbox.repository.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi } from '../internal-token.guard.js';

class ListOutboxQueryDto extends ListQueryDto {
  @SortQuery(['created_at']) sort?: string;
}

/** What the built-in notifier sent for a tenant (signature codes included): the dashboard delivers them. */
@ApiTags('internal: outbox')
@InternalApi()
@Controller('internal/tenants/:tenant_id/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxRepository) {}

  @Get()
  @ApiPage(OutboxMessage)
  @ApiErrors(400, 401)
  list(@UuidParam('tenant_id') _tenantId: string, @Query() query: ListOutboxQueryDto): Promise<Page<OutboxMessage>> {
    return this.outbox.page(query, { created_at: 'message.created_at' });
  }
}
