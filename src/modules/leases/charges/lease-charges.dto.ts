import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { CHARGE_CATEGORIES, CHARGE_FREQUENCIES } from './lease-charge.entity.js';

export class CreateChargeDto {
  @ApiProperty({ example: 'Eau froide', maxLength: 200 }) @IsString() @Length(1, 200) label: string;
  @ApiProperty({ enum: CHARGE_CATEGORIES }) @IsIn(CHARGE_CATEGORIES) category: (typeof CHARGE_CATEGORIES)[number];
  @ApiProperty({ example: 25.5 }) @IsMoney() amount: number;
  @ApiProperty({ enum: CHARGE_FREQUENCIES }) @IsIn(CHARGE_FREQUENCIES) frequency: (typeof CHARGE_FREQUENCIES)[number];
  @ApiPropertyOptional({ default: true }) @OptionalNotNull() @IsBoolean() recoverable?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @OptionalNullable() @IsCalendarDate() start_date?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'After start_date' }) @OptionalNullable() @IsCalendarDate() end_date?: string | null;
}

export class UpdateChargeDto extends PartialType(OmitType(CreateChargeDto, ['label', 'category', 'amount', 'frequency'] as const)) {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) label?: string;
  @ApiPropertyOptional({ enum: CHARGE_CATEGORIES }) @OptionalNotNull() @IsIn(CHARGE_CATEGORIES) category?: (typeof CHARGE_CATEGORIES)[number];
  @ApiPropertyOptional() @OptionalNotNull() @IsMoney() amount?: number;
  @ApiPropertyOptional({ enum: CHARGE_FREQUENCIES }) @OptionalNotNull() @IsIn(CHARGE_FREQUENCIES) frequency?: (typeof CHARGE_FREQUENCIES)[number];
}

export const CHARGE_SORTS = { created_at: 'charge.created_at', label: 'charge.label', amount: 'charge.amount' } as const;

export class ListChargesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CHARGE_CATEGORIES }) @IsOptional() @IsIn(CHARGE_CATEGORIES) category?: string;
  @SortQuery(Object.keys(CHARGE_SORTS)) sort?: string;
}
