import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ListQueryDto, SortQuery, toDecimal, toInteger } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsMeasure, IsMoney } from '../../../core/validation/validators.js';
import { ESTATE_TYPES, RENTAL_STATUSES, ENERGY_LABELS, type EnergyLabel } from '../estate.entity.js';

/** Creating under `/places/{place_id}/estates`: the place comes from the path. */
export class CreateEstateDto {
  @ApiProperty({ example: 'Appartement 3B', maxLength: 200 })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ESTATE_TYPES })
  @IsIn(ESTATE_TYPES)
  estate_type: (typeof ESTATE_TYPES)[number];

  @ApiPropertyOptional({ type: Number, nullable: true, example: 54.3, description: 'm², 2 decimals' })
  @OptionalNullable() @IsMeasure(100_000)
  area?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100 })
  @OptionalNullable() @IsInt() @Min(0) @Max(100)
  number_of_room?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -10, maximum: 200, description: '0 = ground floor' })
  @OptionalNullable() @IsInt() @Min(-10) @Max(200)
  floor?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @OptionalNullable() @IsString() @Length(1, 50)
  building?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @OptionalNullable() @IsString() @Length(1, 50)
  lot_number?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @OptionalNullable() @IsString() @Length(1, 50)
  fiscal_identifier?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the place\'s owner' })
  @OptionalNotNull() @IsUUID()
  owner_id?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 850.5, description: 'Reference rent in euros, 2 decimals' })
  @OptionalNullable() @IsMoney()
  rent_amount?: number | null;

  @ApiPropertyOptional({ enum: ENERGY_LABELS, nullable: true, description: 'DPE class: F and G housing cannot have its rent raised (loi n° 2021-1104, art. 159)' })
  @OptionalNullable() @IsIn(ENERGY_LABELS)
  energy_label?: EnergyLabel | null;
}

/** PUT/PATCH under a place: partial; `name` and `estate_type` may change but not be cleared. */
export class UpdateEstateDto extends PartialType(OmitType(CreateEstateDto, ['name', 'estate_type'] as const)) {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ESTATE_TYPES }) @OptionalNotNull() @IsIn(ESTATE_TYPES) estate_type?: (typeof ESTATE_TYPES)[number];
}

/** PUT/PATCH `/estates/{id}`: the same, plus `place_id` to move the unit to another place. */
export class MoveOrUpdateEstateDto extends UpdateEstateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the unit to another place of the same tenant' })
  @OptionalNotNull() @IsUUID()
  place_id?: string;
}

export const ESTATE_SORTS = {
  created_at: 'estate.created_at',
  updated_at: 'estate.updated_at',
  name: 'estate.name',
  area: 'estate.area',
  floor: 'estate.floor',
  rent_amount: 'estate.rent_amount',
} as const;


/** Filters of `/places/{place_id}/estates`. */
export class ListPlaceEstatesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RENTAL_STATUSES }) @IsOptional() @IsIn(RENTAL_STATUSES) rental_status?: string;
  @ApiPropertyOptional({ description: 'm², inclusive' }) @IsOptional() @Transform(toDecimal) @IsNumber() @Min(0) area_min?: number;
  @ApiPropertyOptional({ description: 'm², inclusive' }) @IsOptional() @Transform(toDecimal) @IsNumber() @Min(0) area_max?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toInteger) @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(100) number_of_room?: number;
  @SortQuery(Object.keys(ESTATE_SORTS)) sort?: string;
}

/** Filters of `/estates`: the same, plus `place_id`. */
export class ListEstatesQueryDto extends ListPlaceEstatesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() place_id?: string;
}
