import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../core/validation/validators.js';

export class UsageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (UTC, inclusive); default: 29 days before `to`' })
  @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (UTC, inclusive); default: today' })
  @IsOptional() @IsCalendarDate()
  to?: string;
}

export class RequestCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() status_2xx: number;
  @ApiProperty() status_4xx: number;
  @ApiProperty() status_5xx: number;
  @ApiProperty({ description: 'Refused by the rate limit (429 RATE_LIMITED)' }) rate_limited: number;
}

export class RequestsByDayDto extends RequestCountsDto {
  @ApiProperty({ format: 'date' }) date: string;
}

export class RequestsByKeyDto extends RequestCountsDto {
  @ApiProperty({ type: String, nullable: true, example: 'fp_live_4Fq2' }) key_prefix: string | null;
}

export class UsageRequestsDto extends RequestCountsDto {
  @ApiProperty({ type: [RequestsByDayDto], description: 'Days with requests only' }) by_day: RequestsByDayDto[];
  @ApiProperty({ type: [RequestsByKeyDto] }) by_key: RequestsByKeyDto[];
}

export class UsageCreditsDto {
  @ApiProperty({ description: 'Credits bought (purchases) in the period' }) bought: number;
  @ApiProperty({ description: 'Credits spent (consumptions) in the period' }) spent: number;
  @ApiProperty({ description: 'Credits given back (cancelled or expired signatures) in the period' }) refunded: number;
}

export class UsageStorageDto {
  @ApiProperty({ description: 'Bytes stored now: uploaded files and generated documents' }) bytes: number;
  @ApiProperty() files: number;
}

export class UsageCountsDto {
  @ApiProperty() places: number;
  @ApiProperty() units: number;
  @ApiProperty({ description: 'Leases running (ACTIVE or NOTICE)' }) active_leases: number;
  @ApiProperty() lessees: number;
}

/** What a data space consumed over a period, and what it holds now. */
export class UsageSummaryDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: UsageRequestsDto, description: 'From the request log: only as far back as its retention (30 days by default)' }) requests: UsageRequestsDto;
  @ApiProperty({ type: UsageCreditsDto }) credits: UsageCreditsDto;
  @ApiProperty({ description: 'Signature workflows completed in the period' }) signatures_completed: number;
  @ApiProperty({ description: 'Documents (PDFs) generated in the period' }) documents_generated: number;
  @ApiProperty({ type: UsageStorageDto }) storage: UsageStorageDto;
  @ApiProperty({ type: UsageCountsDto, description: 'Counts now' }) counts: UsageCountsDto;
}
