import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO31661Alpha2, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { OptionalText, POSTAL_CODE } from '../../../core/validation/fields.js';
import { LEGAL_REGIMES, PLACE_CATEGORIES } from '../place.entity.js';

export class CreatePlaceDto {
  @ApiProperty({ example: 'Résidence Les Tilleuls', maxLength: 200 })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'An owner of the same tenant' })
  @IsUUID()
  owner_id: string;

  @ApiProperty({ enum: PLACE_CATEGORIES })
  @IsIn(PLACE_CATEGORIES)
  place_category: (typeof PLACE_CATEGORIES)[number];

  @ApiPropertyOptional({ enum: LEGAL_REGIMES, nullable: true })
  @OptionalNullable() @IsIn(LEGAL_REGIMES)
  legal_regime?: (typeof LEGAL_REGIMES)[number] | null;

  @OptionalText(20, { example: '12 bis' })
  street_number?: string | null;

  @ApiProperty({ example: 'rue des Lilas', maxLength: 300 })
  @IsString() @Length(1, 300)
  street_name: string;

  @OptionalText(300, { example: 'Bâtiment B' })
  address_complement?: string | null;

  @ApiProperty({ example: '69003' })
  @IsString() @Matches(POSTAL_CODE, { message: 'postal_code must be 2 to 10 letters, digits, spaces or dashes' })
  postal_code: string;

  @ApiProperty({ example: 'Lyon', maxLength: 200 })
  @IsString() @Length(1, 200)
  city: string;

  @ApiPropertyOptional({ example: 'FR', default: 'FR', description: 'ISO 3166-1 alpha-2' })
  @OptionalNotNull() @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -90, maximum: 90, example: 45.7578 })
  @OptionalNullable() @IsNumber({ maxDecimalPlaces: 6, allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -180, maximum: 180, example: 4.832 })
  @OptionalNullable() @IsNumber({ maxDecimalPlaces: 6, allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 200 })
  @OptionalNullable() @IsInt() @Min(0) @Max(200)
  number_of_floor?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1972-05-01', format: 'date' })
  @OptionalNullable() @IsCalendarDate()
  construction_date?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @OptionalNullable() @IsString() @Length(0, 5000)
  description?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The commune applies rent control (encadrement des loyers): the contract states the reference rents below' })
  @OptionalNotNull() @IsBoolean()
  rent_control?: boolean;

  @ApiPropertyOptional({ default: false, description: 'The commune is in a tense-market zone (zone tendue, décret n° 2013-392): a lessee\'s notice runs 1 month (art. 15 I, loi n° 89-462)' })
  @OptionalNotNull() @IsBoolean()
  tense_zone?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 22.4, description: 'Reference rent, euros per m² per month (loyer de référence), as the prefect\'s order gives it' })
  @OptionalNullable() @IsMoney()
  reference_rent_per_m2?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 26.88, description: 'Increased reference rent, euros per m² per month (loyer de référence majoré)' })
  @OptionalNullable() @IsMoney()
  increased_reference_rent_per_m2?: number | null;
}

const REQUIRED = ['name', 'owner_id', 'place_category', 'street_name', 'postal_code', 'city'] as const;

/** PUT/PATCH: absent keeps, null clears a nullable field; required fields may change, not be cleared. */
export class UpdatePlaceDto extends PartialType(OmitType(CreatePlaceDto, REQUIRED)) {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() owner_id?: string;
  @ApiPropertyOptional({ enum: PLACE_CATEGORIES }) @OptionalNotNull() @IsIn(PLACE_CATEGORIES) place_category?: (typeof PLACE_CATEGORIES)[number];
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 300) street_name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Matches(POSTAL_CODE, { message: 'postal_code must be 2 to 10 letters, digits, spaces or dashes' }) postal_code?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) city?: string;
}

export const PLACE_SORTS = {
  created_at: 'place.created_at',
  updated_at: 'place.updated_at',
  name: 'place.name',
  city: 'place.city',
  postal_code: 'place.postal_code',
} as const;

export class ListPlacesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() owner_id?: string;
  @ApiPropertyOptional({ example: '69003' }) @IsOptional() @IsString() @Length(1, 10) postal_code?: string;
  @ApiPropertyOptional({ example: 'Lyon', description: 'Case-insensitive exact match' }) @IsOptional() @IsString() @Length(1, 200) city?: string;
  @ApiPropertyOptional({ enum: PLACE_CATEGORIES }) @IsOptional() @IsIn(PLACE_CATEGORIES) place_category?: string;
  @ApiPropertyOptional({ description: 'Case-insensitive match on name, street and city' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @SortQuery(Object.keys(PLACE_SORTS)) sort?: string;
}
