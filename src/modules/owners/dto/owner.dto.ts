import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBIC, IsIBAN, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalText, OptionalEmail, OptionalPhone, OptionalPostalCode, OptionalCountry } from '../../../core/validation/fields.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { OWNER_CATEGORIES, type OwnerCategory } from '../owner.entity.js';

/**
 * Which name an owner needs depends on its category (individual: last_name; company, sci:
 * legal_name). Checked by OwnersService on the merged result, so an update that changes the
 * category is held to the same rule as a create.
 */
export class CreateOwnerDto {
  @ApiProperty({ enum: OWNER_CATEGORIES })
  @IsIn(OWNER_CATEGORIES)
  owner_category: OwnerCategory;

  @OptionalText(20, { example: 'Mme' })
  title?: string | null;

  @OptionalText(200, { example: 'Claire' })
  first_name?: string | null;

  @OptionalText(200, { example: 'Dubois', description: 'Required for individual' })
  last_name?: string | null;

  @OptionalText(200, { example: 'SCI Les Tilleuls', description: 'Required for company and sci' })
  legal_name?: string | null;

  @OptionalText(50, { example: '812 345 678 R.C.S. Lyon' })
  registration_number?: string | null;

  @OptionalEmail('claire.dubois@example.fr')
  email?: string | null;

  @OptionalPhone('+33612345678')
  mobile_phone?: string | null;

  @OptionalText(300, { example: '12 rue des Lilas' })
  street_name?: string | null;

  @OptionalPostalCode('69003')
  postal_code?: string | null;

  @OptionalText(200, { example: 'Lyon' })
  city?: string | null;

  @OptionalCountry()
  country?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR7630006000011234567890189', description: 'Where rent is paid: printed on rent calls' })
  @OptionalNullable() @IsIBAN()
  iban?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'AGRIFRPP' })
  @OptionalNullable() @IsBIC()
  bic?: string | null;
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
