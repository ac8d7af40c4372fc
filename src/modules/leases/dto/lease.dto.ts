import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/** `T1-2026` … `T4-2026`: an IRL quarter. */
export const IRL_QUARTER = /^T[1-4]-[0-9]{4}$/;
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { LEASE_STATUSES } from '../lease-status.js';
import { CHARGE_SETTLEMENT_MODES, LEASE_TYPES, type LeaseType, RENT_FREQUENCIES } from '../lease.entity.js';

export class CreateLeaseDto {
  @ApiProperty({ format: 'uuid', description: 'A unit of the same tenant' }) @IsUUID() estate_id: string;
  @ApiProperty({ enum: LEASE_TYPES }) @IsIn(LEASE_TYPES) lease_type: LeaseType;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @IsCalendarDate() start_date: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'After start_date' }) @OptionalNullable() @IsCalendarDate() end_date?: string | null;
  @ApiProperty({ example: 850.5, description: 'Rent per period (month or quarter), euros, 2 decimals' }) @IsMoney() rent_amount: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 60 }) @OptionalNullable() @IsMoney() charges_amount?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 850, description: 'At most 1 month of rent (unfurnished) or 2 (furnished, student)' })
  @OptionalNullable() @IsMoney()
  deposit_amount?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 28 }) @OptionalNullable() @IsInt() @Min(1) @Max(28) payment_day?: number | null;
  @ApiPropertyOptional({ enum: RENT_FREQUENCIES, default: 'monthly' }) @OptionalNotNull() @IsIn(RENT_FREQUENCIES) rent_frequency?: (typeof RENT_FREQUENCIES)[number];
  @ApiPropertyOptional({ enum: CHARGE_SETTLEMENT_MODES, nullable: true }) @OptionalNullable() @IsIn(CHARGE_SETTLEMENT_MODES) charge_settlement_mode?: (typeof CHARGE_SETTLEMENT_MODES)[number] | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 }) @OptionalNullable() @IsString() @Length(1, 50) reference_number?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 }) @OptionalNullable() @IsString() @Length(0, 5000) notes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'T2-2026', description: 'The IRL quarter of reference for the yearly revision (the latest published when signing)' })
  @OptionalNullable() @Matches(IRL_QUARTER, { message: 'irl_reference_quarter must look like T2-2026' })
  irl_reference_quarter?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'The first yearly revision date; null: each anniversary of start_date' })
  @OptionalNullable() @IsCalendarDate()
  revision_date?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 50, description: 'Rent supplement (complément de loyer) under rent control, euros per month' })
  @OptionalNullable() @IsMoney()
  rent_supplement?: number | null;
}

/** Partial; `reference_number` and `notes` stay editable in any status, the rest only in DRAFT (else 409). */
export class UpdateLeaseDto extends PartialType(OmitType(CreateLeaseDto, ['estate_id', 'lease_type', 'start_date', 'rent_amount'] as const)) {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() estate_id?: string;
  @ApiPropertyOptional({ enum: LEASE_TYPES }) @OptionalNotNull() @IsIn(LEASE_TYPES) lease_type?: LeaseType;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNotNull() @IsCalendarDate() start_date?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsMoney() rent_amount?: number;
}

/** Fields that may change after DRAFT: administrative, not part of the agreement. */
export const ALWAYS_EDITABLE_LEASE_FIELDS = ['reference_number', 'notes'] as const;

export class ChangeLeaseStatusDto {
  @ApiProperty({ enum: LEASE_STATUSES }) @IsIn(LEASE_STATUSES) status: (typeof LEASE_STATUSES)[number];
}

export const LEASE_SORTS = {
  created_at: 'lease.created_at',
  updated_at: 'lease.updated_at',
  start_date: 'lease.start_date',
  end_date: 'lease.end_date',
  rent_amount: 'lease.rent_amount',
} as const;

export class ListLeasesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: LEASE_STATUSES }) @IsOptional() @IsIn(LEASE_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() estate_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Leases this lessee is a party of' }) @IsOptional() @IsUUID() lessee_id?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() start_date_from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() start_date_to?: string;
  @SortQuery(Object.keys(LEASE_SORTS)) sort?: string;
}
