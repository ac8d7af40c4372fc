import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, ValidateBy, ValidateNested } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { OptionalEmail, OptionalPhone, OptionalText } from '../../../core/validation/fields.js';
import { Lessee, LESSEE_CATEGORIES, type LesseeCategory } from '../lessee.entity.js';

export const MAX_BULK_LESSEES = 100;

/** A `YYYY-MM-DD` that is today (UTC) or earlier: nobody is born tomorrow. */
const NotInFuture = () =>
  ValidateBy({
    name: 'notInFuture',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value <= new Date().toISOString().slice(0, 10),
      defaultMessage: () => '$property must not be in the future',
    },
  });

/**
 * Which name a lessee needs depends on its category (individual, guarantor: last_name; company:
 * legal_name). Checked by LesseesService on the merged result, so an update that changes the
 * category is held to the same rule as a create.
 */
export class CreateLesseeDto {
  @ApiProperty({ enum: LESSEE_CATEGORIES })
  @IsIn(LESSEE_CATEGORIES)
  category: LesseeCategory;

  @OptionalText(20, { example: 'M.' })
  title?: string | null;

  @OptionalText(200, { example: 'Julien' })
  first_name?: string | null;

  @OptionalText(200, { example: 'Moreau', description: 'Required for individual and guarantor' })
  last_name?: string | null;

  @OptionalText(200, { example: 'Moreau Conseil SAS', description: 'Required for company' })
  legal_name?: string | null;

  @OptionalEmail('julien.moreau@example.fr')
  email?: string | null;

  @OptionalPhone('+33698765432')
  mobile_phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1990-04-17', format: 'date', description: 'YYYY-MM-DD, not in the future' })
  @OptionalNullable() @IsCalendarDate() @NotInFuture()
  birth_date?: string | null;

  @OptionalText(200, { example: 'Ingénieur' })
  profession?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 3200.5, description: 'Euros, 2 decimals' })
  @OptionalNullable() @IsMoney()
  monthly_income?: number | null;

  @ApiPropertyOptional({ description: 'The lessee agreed to receive receipts (quittances) by email (art. 21, loi n° 89-462); the time of consent is kept' })
  @OptionalNotNull() @IsBoolean()
  email_receipts_consent?: boolean;
}

/** PUT (and PATCH): absent keeps, null clears, a value sets; the category can change but not be cleared. */
export class UpdateLesseeDto extends PartialType(OmitType(CreateLesseeDto, ['category'] as const)) {
  @ApiPropertyOptional({ enum: LESSEE_CATEGORIES })
  @OptionalNotNull() @IsIn(LESSEE_CATEGORIES)
  category?: LesseeCategory;
}

/** `POST /lessees/bulk`: up to 100 lessees, created all together or not at all. */
export class BulkCreateLesseesDto {
  @ApiProperty({ type: [CreateLesseeDto], minItems: 1, maxItems: MAX_BULK_LESSEES })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_LESSEES)
  // IsObject: ValidateNested alone would also walk an array nested as an item.
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CreateLesseeDto)
  lessees: CreateLesseeDto[];
}

/** The lessees a bulk create stored, in the order they were sent. */
export class BulkCreatedLesseesDto {
  @ApiProperty({ type: [Lessee] })
  data: Lessee[];
}

export const LESSEE_SORTS = {
  created_at: 'lessee.created_at',
  updated_at: 'lessee.updated_at',
  last_name: 'lessee.last_name',
  legal_name: 'lessee.legal_name',
  email: 'lessee.email',
} as const;

export class ListLesseesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive match on first, last or legal name and email' })
  @IsOptional() @IsString() @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({ enum: LESSEE_CATEGORIES })
  @IsOptional() @IsIn(LESSEE_CATEGORIES)
  category?: LesseeCategory;

  @SortQuery(Object.keys(LESSEE_SORTS))
  sort?: string;
}
