import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { EVENT_TYPES, type EventType } from '../../../core/events/event-types.js';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';

/** A query timestamp: ISO-8601 with its zone (`2026-11-27T10:00:00Z`) or a day (`2026-11-27`, midnight UTC); anything else is refused. */
const toInstant = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? new Date(value) : new Date(Number.NaN);

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
