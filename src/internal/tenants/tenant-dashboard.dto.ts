import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import { ListRequestsQueryDto } from '../../modules/request-log/dto/request-log.dto.js';
import { UsageQueryDto } from '../../modules/usage/dto/usage.dto.js';

export const TENANT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export const DIRECTORY_SORTS = ['name', 'created_at', 'last_activity_at'] as const;

export class ListTenantsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name (case-insensitive), or the start of the id' })
  @IsOptional() @IsString() @Length(1, 200)
  search?: string;

  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional() @IsIn(TENANT_STATUSES)
  status?: (typeof TENANT_STATUSES)[number];

  @SortQuery(DIRECTORY_SORTS) sort?: string;
}

/** A live tenant as the dashboard's directory lists it. */
export class TenantDirectoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status: (typeof TENANT_STATUSES)[number];
  @ApiProperty({ type: Number, nullable: true }) rate_limit_per_hour: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) suspended_at: string | null;
  @ApiProperty({ type: String, nullable: true }) suspension_reason: string | null;
  @ApiProperty({ type: String, nullable: true }) suspension_public_reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Latest use of any of its keys (recorded at most once a minute per key)' }) last_activity_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class SuspendTenantDto {
  @ApiProperty({ example: 'Invoice 2026-031 unpaid after 3 reminders', description: 'Why, for FairePlace staff; never shown to the tenant' })
  @IsString() @Length(1, 1000)
  reason: string;

  @ApiPropertyOptional({ example: 'Your subscription is unpaid: contact billing@faireplace.fr', description: 'The public part: what its keys are told (`details.reason`); default: contact support' })
  @IsOptional() @IsString() @Length(1, 500)
  public_reason?: string;
}

/** The public filters, plus `environment` (read by the internal guard, documented by @ReachesSandbox). */
export class InternalRequestsQueryDto extends ListRequestsQueryDto {
  @IsOptional() @IsIn(['live', 'sandbox']) environment?: string;
}

export class InternalUsageQueryDto extends UsageQueryDto {
  @IsOptional() @IsIn(['live', 'sandbox']) environment?: string;
}
