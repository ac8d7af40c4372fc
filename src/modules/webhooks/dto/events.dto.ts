import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { EVENT_TYPES, type EventType } from '../../../core/events/event-types.js';
import { ListQueryDto, SortQuery, toInstant } from '../../../core/pagination/list-query.dto.js';

export class ListEventsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional() @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-11-27T00:00:00Z', description: 'Created at or after (ISO-8601, or a day)' })
  @IsOptional() @Transform(toInstant) @IsDate({ message: 'from must be an ISO-8601 timestamp with its zone, or a date' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-11-28T00:00:00Z', description: 'Created before (ISO-8601, or a day)' })
  @IsOptional() @Transform(toInstant) @IsDate({ message: 'to must be an ISO-8601 timestamp with its zone, or a date' })
  to?: Date;

  @SortQuery(['created_at'])
  sort?: string;
}
