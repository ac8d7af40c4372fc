import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { CoTenantAddedChanges, CoTenantRemovedChanges, EndDateChanges, NoChanges, RentChanges } from '../amendment-changes.js';
import { AMENDMENT_STATUSES } from '../amendment-status.js';
import { AMENDMENT_TYPES, type AmendmentType } from '../amendment.entity.js';

const CHANGES_DOC = {
  type: 'object' as const,
  additionalProperties: true,
  description: 'By type — duration_change, renewal: `{end_date}` (renewal: the new term); rent_change: `{rent_amount, charges_amount?}`; co_tenant_added: `{lessee_id, role}`; co_tenant_removed: `{lessee_id, notice_date}`; other: `{}` (the description is the change).',
  oneOf: [EndDateChanges, RentChanges, CoTenantAddedChanges, CoTenantRemovedChanges, NoChanges].map((model) => ({ $ref: getSchemaPath(model) })),
};

@ApiExtraModels(EndDateChanges, RentChanges, CoTenantAddedChanges, CoTenantRemovedChanges, NoChanges)
export class CreateAmendmentDto {
  @ApiProperty({ enum: AMENDMENT_TYPES }) @IsIn(AMENDMENT_TYPES) type: AmendmentType;
  @ApiProperty({ format: 'date', example: '2027-09-01', description: 'From when the change applies (not before the lease starts)' }) @IsCalendarDate() effective_date: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: 'Required for type other' }) @OptionalNullable() @IsString() @Length(1, 5000) description?: string | null;
  @ApiProperty(CHANGES_DOC) @IsObject() changes: Record<string, unknown>;
}

/** Partial, DRAFT only; changes are checked against the type the amendment will have. */
@ApiExtraModels(EndDateChanges, RentChanges, CoTenantAddedChanges, CoTenantRemovedChanges, NoChanges)
export class UpdateAmendmentDto {
  @ApiPropertyOptional({ enum: AMENDMENT_TYPES }) @OptionalNotNull() @IsIn(AMENDMENT_TYPES) type?: AmendmentType;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNotNull() @IsCalendarDate() effective_date?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 }) @OptionalNullable() @IsString() @Length(1, 5000) description?: string | null;
  @ApiPropertyOptional(CHANGES_DOC) @OptionalNotNull() @IsObject() changes?: Record<string, unknown>;
}

export class ListAmendmentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AMENDMENT_STATUSES }) @IsOptional() @IsIn(AMENDMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: AMENDMENT_TYPES }) @IsOptional() @IsIn(AMENDMENT_TYPES) type?: string;
  @SortQuery(['created_at', 'effective_date']) sort?: string;
}
