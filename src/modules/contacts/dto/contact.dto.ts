import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull } from '../../../core/validation/validation.js';
import { OptionalCountry, OptionalEmail, OptionalPhone, OptionalPostalCode, OptionalText } from '../../../core/validation/fields.js';
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

  @OptionalText(200, { example: 'Sophie' })
  first_name?: string | null;

  @OptionalText(200, { example: 'Lefèvre', description: 'Required for person' })
  last_name?: string | null;

  @OptionalText(200, { example: 'Plomberie Lefèvre SARL', description: 'Required for company' })
  legal_name?: string | null;

  @OptionalEmail('contact@plomberie-lefevre.fr')
  email?: string | null;

  @OptionalPhone('+33472000000')
  phone?: string | null;

  @OptionalText(300, { example: '8 quai Saint-Vincent' })
  address_line1?: string | null;

  @OptionalPostalCode('69001')
  postal_code?: string | null;

  @OptionalText(200, { example: 'Lyon' })
  city?: string | null;

  @OptionalCountry()
  country?: string | null;

  @OptionalText(2000, { example: 'Intervient sous 24 h' })
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
