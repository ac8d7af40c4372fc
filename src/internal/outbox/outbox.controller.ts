import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { OutboxMessage } from '../../core/notifications/outbox-message.entity.js';
import { OutboxRepository } from '../../core/notifications/outbox.repository.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';

class ListOutboxQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'true: only messages not yet delivered' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  pending?: boolean;

  @SortQuery(['created_at']) sort?: string;

  /** Read by the internal guard (documented by @ReachesSandbox). */
  @IsOptional() @IsIn(['live', 'sandbox']) environment?: string;
}

/**
 * The tenant's notification outbox. Without SMTP (and always for SMS and the sandbox), the
 * dashboard backend delivers these messages itself, then marks each delivered: its code is masked.
 */
@ApiTags('internal: outbox')
@InternalApi()
@ReachesSandbox()
@Controller('internal/tenants/:tenant_id/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxRepository) {}

  @Get()
  @ApiOperation({ summary: 'Messages to deliver (codes readable until delivered or expired)' })
  @ApiPage(OutboxMessage)
  @ApiErrors(400, 401)
  list(@UuidParam('tenant_id') _tenantId: string, @Query() query: ListOutboxQueryDto): Promise<Page<OutboxMessage>> {
    return this.outbox.list(query);
  }

  @Post(':message_id/delivered')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the dashboard delivered a message', description: 'Idempotent. Masks the code in it.' })
  @ApiOkResponse({ type: OutboxMessage })
  @ApiErrors(400, 401, 404)
  delivered(@UuidParam('tenant_id') _tenantId: string, @UuidParam('message_id') messageId: string): Promise<OutboxMessage> {
    return this.outbox.markDelivered(messageId);
  }
}
