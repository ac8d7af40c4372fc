import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ALL_EVENTS, SUBSCRIBABLE_EVENT_TYPES } from '../../../core/events/event-types.js';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalText } from '../../../core/validation/fields.js';
import { OptionalNotNull } from '../../../core/validation/validation.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook-delivery.entity.js';

const EVENT_CHOICES = [ALL_EVENTS, ...SUBSCRIBABLE_EVENT_TYPES];
/** The scheme (https only, unless WEBHOOK_ALLOW_PRIVATE_URLS) and the addresses are checked by WebhookUrlPolicy. */
const URL_SHAPE = { protocols: ['https', 'http'], require_protocol: true, require_tld: false, allow_underscores: true };

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://partner.example.com/faireplace/webhooks', maxLength: 2048, description: 'https, and a host whose every address is public' })
  @IsString() @MaxLength(2048) @IsUrl(URL_SHAPE, { message: 'url must be an absolute URL' })
  url: string;

  @ApiProperty({ type: [String], enum: EVENT_CHOICES, example: ['lease.status_changed', 'signature.completed'], description: 'Event types to receive, or `["*"]` for every type (also those added later)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(64) @ArrayUnique() @IsIn(EVENT_CHOICES, { each: true })
  events: string[];

  @OptionalText(500, { example: 'CRM sync (production)' })
  description?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

/** PUT (and PATCH): absent keeps, null clears `description`; `enabled: true` re-enables a disabled endpoint. */
export class UpdateWebhookEndpointDto extends PartialType(OmitType(CreateWebhookEndpointDto, ['url', 'events', 'enabled'] as const)) {
  @ApiPropertyOptional({ example: 'https://partner.example.com/faireplace/webhooks', maxLength: 2048 })
  @OptionalNotNull() @IsString() @MaxLength(2048) @IsUrl(URL_SHAPE, { message: 'url must be an absolute URL' })
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: EVENT_CHOICES })
  @OptionalNotNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(64) @ArrayUnique() @IsIn(EVENT_CHOICES, { each: true })
  events?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull() @IsBoolean()
  enabled?: boolean;
}

export class ListWebhookEndpointsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  enabled?: boolean;

  @SortQuery(['created_at'])
  sort?: string;
}

export const DELIVERY_SORTS = { created_at: 'delivery.created_at', next_attempt_at: 'delivery.next_attempt_at' } as const;

export class ListDeliveriesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @SortQuery(Object.keys(DELIVERY_SORTS))
  sort?: string;
}
