import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { EQUIPMENT_CONDITIONS } from '../equipment.entity.js';

const PARENT_NOTE = 'Exactly one of place_id, estate_id, room_id';

export class CreateEquipmentDto {
  @ApiProperty({ example: 'Chaudière', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'boiler', maxLength: 100 }) @IsString() @Length(1, 100) equipment_type: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: PARENT_NOTE }) @OptionalNullable() @IsUUID() place_id?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: PARENT_NOTE }) @OptionalNullable() @IsUUID() estate_id?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: PARENT_NOTE }) @OptionalNullable() @IsUUID() room_id?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @OptionalNullable() @IsString() @Length(1, 100) brand?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @OptionalNullable() @IsString() @Length(1, 100) model?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @OptionalNullable() @IsString() @Length(1, 100) serial_number?: string | null;
  @ApiPropertyOptional({ enum: EQUIPMENT_CONDITIONS, nullable: true }) @OptionalNullable() @IsIn(EQUIPMENT_CONDITIONS) condition?: (typeof EQUIPMENT_CONDITIONS)[number] | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) @OptionalNullable() @IsCalendarDate() installed_at?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 }) @OptionalNullable() @IsString() @Length(0, 5000) notes?: string | null;
}

/**
 * PUT/PATCH: partial. Sending one of place_id / estate_id / room_id re-attaches the equipment
 * there (the other two are cleared); sending more than one non-null is refused.
 */
export class UpdateEquipmentDto extends PartialType(OmitType(CreateEquipmentDto, ['name', 'equipment_type'] as const)) {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 100) equipment_type?: string;
}

export const EQUIPMENT_SORTS = {
  created_at: 'equipment.created_at',
  name: 'equipment.name',
  equipment_type: 'equipment.equipment_type',
  installed_at: 'equipment.installed_at',
} as const;

export class ListEquipmentQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() place_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() estate_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() room_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) equipment_type?: string;
  @SortQuery(Object.keys(EQUIPMENT_SORTS)) sort?: string;
}
