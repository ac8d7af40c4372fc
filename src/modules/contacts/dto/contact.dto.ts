import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { PHONE, POSTAL_CODE } from '../../owners/dto/owner.dto.js';
import { CONTACT_CATEGORIES, CONTACT_TYPES, type ContactCategory, type ContactType } from '../contact.entity.js';

/**
 * Which name a contact needs depends on its type (person: last_name; company: legal_name).
 * Checked by ContactsService on the merged result, so an update that changes the type is held
 * to the same rule as a create.
 */
export class CreateContactDto {
  @ApiProperty({ enum: CONTACT_TYPES })
  @IsIn(CONTACT_TYPES)
  type_contact: ContactType;

  @ApiProperty({ enum: CONTACT_CATEGORIES })
  @IsIn(CONTACT_CATEGORIES)
  category: ContactCategory;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sophie', maxLength: 200 })
  @OptionalNullable() @IsString() @Length(1, 200)
  first_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lefèvre', maxLength: 200, description: 'Required for person' })
  @OptionalNullable() @IsString() @Length(1, 200)
  last_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Plomberie Lefèvre SARL', maxLength: 200, description: 'Required for company' })
  @OptionalNullable() @IsString() @Length(1, 200)
  legal_name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'contact@plomberie-lefevre.fr' })
  @OptionalNullable() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+33472000000' })
  @OptionalNullable() @IsString() @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '8 quai Saint-Vincent', maxLength: 300 })
  @OptionalNullable() @IsString() @Length(1, 300)
  address_line1?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '69001' })
  @OptionalNullable() @IsString() @Matches(POSTAL_CODE, { message: 'postal_code must be 2 to 10 letters, digits, spaces or dashes' })
  postal_code?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lyon', maxLength: 200 })
  @OptionalNullable() @IsString() @Length(1, 200)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @OptionalNullable() @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Intervient sous 24 h', maxLength: 2000 })
  @OptionalNullable() @IsString() @Length(1, 2000)
  notes?: string | null;
}

/** PUT (and PATCH): absent keeps, null clears, a value sets; type and category can change but not be cleared. */
export class UpdateContactDto extends PartialType(OmitType(CreateContactDto, ['type_contact', 'category'] as const)) {
  @ApiPropertyOptional({ enum: CONTACT_TYPES })
  @OptionalNotNull() @IsIn(CONTACT_TYPES)
  type_contact?: ContactType;

  @ApiPropertyOptional({ enum: CONTACT_CATEGORIES })
  @OptionalNotNull() @IsIn(CONTACT_CATEGORIES)
  category?: ContactCategory;
}

export const CONTACT_SORTS = {
  created_at: 'contact.created_at',
  updated_at: 'contact.updated_at',
  last_name: 'contact.last_name',
  legal_name: 'contact.legal_name',
  email: 'contact.email',
  city: 'contact.city',
} as const;

export class ListContactsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive match on first, last or legal name and email' })
  @IsOptional() @IsString() @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({ enum: CONTACT_CATEGORIES })
  @IsOptional() @IsIn(CONTACT_CATEGORIES)
  category?: ContactCategory;

  @ApiPropertyOptional({ enum: CONTACT_TYPES })
  @IsOptional() @IsIn(CONTACT_TYPES)
  type_contact?: ContactType;

  @SortQuery(Object.keys(CONTACT_SORTS))
  sort?: string;
}
