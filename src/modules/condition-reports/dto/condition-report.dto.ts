import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate, IsMeasure, IsMoney } from '../../../core/validation/validators.js';
import { type Condition, CONDITIONS, type ItemKind, ITEM_KINDS, METER_TYPES, REPORT_KINDS, type ReportKind } from '../condition-report.entity.js';
import { REPORT_SORTS } from '../condition-reports.repository.js';

export class CreateConditionReportDto {
  @ApiProperty({ enum: REPORT_KINDS }) @IsIn(REPORT_KINDS) kind: ReportKind;
  @ApiProperty({ format: 'date', example: '2027-01-02', description: 'The day the parties went through the dwelling' }) @IsCalendarDate() performed_on: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @Length(1, 5000) notes?: string;
}

/** One item's change in a PUT: the key names it; absent fields are kept, `null` clears. */
export class ItemChangeDto {
  @ApiProperty({ example: 'room:0190f1c2-7d2e-7c4a-9b1e-3f5a2d8c9e10:walls', description: 'An existing item, or a new one (then label and item_kind are required)', maxLength: 200 })
  @IsString() @Length(1, 200)
  key: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A room of the lease\'s unit' }) @OptionalNullable() @IsUUID() room_id?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Equipment of the unit, its rooms or its building' }) @OptionalNullable() @IsUUID() equipment_id?: string | null;
  @ApiPropertyOptional({ maxLength: 200 }) @OptionalNotNull() @IsString() @Length(1, 200) label?: string;
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @OptionalNotNull() @IsIn(ITEM_KINDS) item_kind?: ItemKind;
  @ApiPropertyOptional({ enum: CONDITIONS, nullable: true }) @OptionalNullable() @IsIn(CONDITIONS) condition?: Condition | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @OptionalNullable() @IsString() @Length(1, 2000) notes?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Photos: ids of media of this organisation (POST /api/media), at most 20' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID(undefined, { each: true })
  media_ids?: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, example: 120.5, description: 'Exit reports only: the estimated repair, euros' }) @OptionalNullable() @IsMoney() repair_cost?: number | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When it was new: the start of its wear' }) @OptionalNullable() @IsCalendarDate() installed_on?: string | null;
}

export class MeterDto {
  @ApiProperty({ enum: METER_TYPES }) @IsIn(METER_TYPES) type: (typeof METER_TYPES)[number];
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @OptionalNullable() @IsString() @Length(1, 100) number?: string | null;
  @ApiProperty({ example: 12345.6, description: 'At most 3 decimals' }) @IsMeasure(1e12, 3) reading: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'kWh', maxLength: 20 }) @OptionalNullable() @IsString() @Length(1, 20) unit?: string | null;
}

export class KeyDto {
  @ApiProperty({ example: 'Porte d\'entrée', maxLength: 200 }) @IsString() @Length(1, 200) label: string;
  @ApiProperty({ example: 2, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) count: number;
}

export class UpdateConditionReportDto {
  @ApiPropertyOptional({ format: 'date' }) @OptionalNotNull() @IsCalendarDate() performed_on?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 }) @OptionalNullable() @IsString() @Length(1, 5000) notes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'Exit reports only: the lessee\'s new address' })
  @OptionalNullable() @IsString() @Length(1, 500)
  forwarding_address?: string | null;
  @ApiPropertyOptional({ type: [ItemChangeDto], description: 'Items changed (by key) or added; the others are kept. At most 500.' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(500) @ArrayUnique((item: ItemChangeDto) => item?.key, { message: 'items must name each key once' }) @ValidateNested({ each: true }) @Type(() => ItemChangeDto)
  items?: ItemChangeDto[];
  @ApiPropertyOptional({ type: [String], description: 'Keys of the items to remove' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(500) @ArrayUnique() @IsString({ each: true }) @Length(1, 200, { each: true })
  remove_items?: string[];
  @ApiPropertyOptional({ type: [MeterDto], description: 'Replaces the meter readings' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => MeterDto)
  meters?: MeterDto[];
  @ApiPropertyOptional({ type: [KeyDto], description: 'Replaces the keys handed over' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => KeyDto)
  keys?: KeyDto[];
}

export class ListConditionReportsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: REPORT_KINDS }) @IsOptional() @IsIn(REPORT_KINDS) kind?: ReportKind;
  @SortQuery(Object.keys(REPORT_SORTS)) sort?: string;
}
