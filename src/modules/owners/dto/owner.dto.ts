import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { OWNER_CATEGORIES, type OwnerCategory } from '../owner.entity.js';

export const PHONE = /^\+?[0-9][0-9 .()-]{5,19}$/;
export const POSTAL_CODE = /^[A-Za-z0-9 -]{2,10}$/;

/**
 * Which name an owner needs depends on its category (individual: last_name; company, sci:
 * legal_name). Checked by OwnersService on the merged result, so an update that changes the
 * category is held to the same rule as a create.
 */
export class CreateOwnerDto {
  @ApiProperty({ enum: OWNER_CATEGORIES })
  @IsIn(OWNER_CATEGORIES)
  owner_category: OwnerCategory;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Mme', maxLength: 20 })
  @OptionalNullable() @IsString() @Length(1, 20)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Claire', maxLength: 200 })
  @OptionalNullable() @IsString() @Length(1, 200)
  first_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Dubois', maxLength: 200, description: 'Required for individual' })
  @OptionalNullable() @IsString() @Length(1, 200)
  last_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'SCI Les Tilleuls', maxLength: 200, description: 'Required for company and sci' })
  @OptionalNullable() @IsString() @Length(1, 200)
  legal_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '812 345 678 R.C.S. Lyon', maxLength: 50 })
  @OptionalNullable() @IsString() @Length(1, 50)
  registration_number?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'claire.dubois@example.fr' })
  @OptionalNullable() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+33612345678' })
  @OptionalNullable() @IsString() @Matches(PHONE, { message: 'mobile_phone must be a phone number' })
  mobile_phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '12 rue des Lilas', maxLength: 300 })
  @OptionalNullable() @IsString() @Length(1, 300)
  street_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '69003' })
  @OptionalNullable() @IsString() @Matches(POSTAL_CODE, { message: 'postal_code must be 2 to 10 letters, digits, spaces or dashes' })
  postal_code?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lyon', maxLength: 200 })
  @OptionalNullable() @IsString() @Length(1, 200)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @OptionalNullable() @IsISO31661Alpha2()
  country?: string | null;
}

/** PUT (and PATCH): absent keeps, null clears, a value sets; the category can change but not be cleared. */
export class UpdateOwnerDto extends PartialType(OmitType(CreateOwnerDto, ['owner_category'] as const)) {
  @ApiPropertyOptional({ enum: OWNER_CATEGORIES })
  @OptionalNotNull() @IsIn(OWNER_CATEGORIES)
  owner_category?: OwnerCategory;
}

export const OWNER_SORTS = {
  created_at: 'owner.created_at',
  updated_at: 'owner.updated_at',
  last_name: 'owner.last_name',
  legal_name: 'owner.legal_name',
  email: 'owner.email',
  city: 'owner.city',
} as const;

export class ListOwnersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive match on first, last or legal name and email' })
  @IsOptional() @IsString() @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({ enum: OWNER_CATEGORIES })
  @IsOptional() @IsIn(OWNER_CATEGORIES)
  owner_category?: OwnerCategory;

  @SortQuery(Object.keys(OWNER_SORTS))
  sort?: string;
}
