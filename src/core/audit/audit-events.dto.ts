import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto, SortQuery, toInstant } from '../pagination/list-query.dto.js';
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, type AuditAction } from './audit-fields.js';

/** A user id, a key's display prefix (12 characters), or an actor type without a key. */
export const ACTOR_FILTER = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|fp_live_[0-9A-Za-z]{4}|fp_sandbox_[0-9A-Za-z]|internal|signing_link|provider)$/;

export class ListAuditEventsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_RESOURCE_TYPES })
  @IsOptional() @IsIn(AUDIT_RESOURCE_TYPES)
  resource_type?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all')
  resource_id?: string;

  @ApiPropertyOptional({ description: 'A user id (every key of that user), a key prefix (`fp_live_a1B2`), or `internal`, `signing_link`, `provider`', example: 'internal' })
  @IsOptional() @Matches(ACTOR_FILTER, { message: 'actor must be a user id, a key prefix (12 characters), internal, signing_link or provider' })
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional() @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-11-27T00:00:00Z', description: 'Recorded at or after (ISO-8601, or a day)' })
  @IsOptional() @Transform(toInstant) @IsDate({ message: 'from must be an ISO-8601 timestamp with its zone, or a date' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-11-28T00:00:00Z', description: 'Recorded before (ISO-8601, or a day)' })
  @IsOptional() @Transform(toInstant) @IsDate({ message: 'to must be an ISO-8601 timestamp with its zone, or a date' })
  to?: Date;

  @SortQuery(['created_at'])
  sort?: string;
}

/** The same, on the internal route (`?environment=sandbox` is read by the internal guard). */
export class ListTenantAuditEventsQueryDto extends ListAuditEventsQueryDto {
  @IsOptional() @IsIn(['live', 'sandbox']) environment?: string;
}
