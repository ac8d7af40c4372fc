import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Event } from '../../core/events/event.entity.js';
import { EventsRepository } from '../../core/events/events.repository.js';
import { PaginationMetaDto, type Page } from '../../core/pagination/page.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { ListEventsQueryDto } from './dto/events.dto.js';
import { anyEventSchema, EVENT_MODELS } from './event-schemas.js';

/** The data space's events of the last 30 days: what webhooks sent, to catch up after an outage. */
@ApiTags('webhooks')
@ApiExtraModels(PaginationMetaDto, ...Object.values(EVENT_MODELS))
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsRepository) {}

  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({
    summary: 'List events',
    description: 'Newest first, kept 30 days. Filters: `type`, `from` (created at or after), `to` (created before). Each item is exactly the body a webhook delivery POSTs.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['data', 'meta'],
      properties: {
        data: { type: 'array', items: anyEventSchema() },
        meta: { type: 'object', properties: { pagination: { $ref: getSchemaPath(PaginationMetaDto) } } },
      },
    },
  })
  @ApiErrors(400)
  list(@Query() query: ListEventsQueryDto): Promise<Page<Event>> {
    return this.events.list(query);
  }

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'Get an event' })
  @ApiOkResponse({ schema: anyEventSchema() })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Event> {
    return this.events.getById(id);
  }
}
