import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsUUID, validateSync } from 'class-validator';
import { type FieldError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import { flatten, OptionalNotNull } from '../../core/validation/validation.js';
import { IsCalendarDate, IsMoney } from '../../core/validation/validators.js';
import { PARTY_ROLES, type PartyRole } from '../leases/parties/lease-party.entity.js';
import type { AmendmentType } from './amendment.entity.js';

/** duration_change: the lease ends on another date; renewal: the new term ends then. */
export class EndDateChanges {
  @ApiProperty({ format: 'date', example: '2030-12-31', description: 'The lease\'s new end date' }) @IsCalendarDate() end_date: string;
}

export class RentChanges {
  @ApiProperty({ example: 820, description: 'The new rent per period, euros' }) @IsMoney() rent_amount: number;
  @ApiPropertyOptional({ example: 60, description: 'The new charges provision per period; absent: unchanged' }) @OptionalNotNull() @IsMoney() charges_amount?: number;
}

export class CoTenantAddedChanges {
  @ApiProperty({ format: 'uuid', description: 'A lessee of the same organisation' }) @IsUUID() lessee_id: string;
  @ApiProperty({ enum: PARTY_ROLES }) @IsIn(PARTY_ROLES) role: PartyRole;
}

export class CoTenantRemovedChanges {
  @ApiProperty({ format: 'uuid', description: 'A current tenant of the lease' }) @IsUUID() lessee_id: string;
  @ApiProperty({ format: 'date', example: '2027-03-10', description: 'When the co-tenant gave notice (congé); it takes effect on the amendment\'s effective_date' })
  @IsCalendarDate()
  notice_date: string;
}

/** other: nothing structured; the description says it all. */
export class NoChanges {}

export const CHANGES_BY_TYPE = {
  duration_change: EndDateChanges,
  renewal: EndDateChanges,
  rent_change: RentChanges,
  co_tenant_added: CoTenantAddedChanges,
  co_tenant_removed: CoTenantRemovedChanges,
  other: NoChanges,
} as const satisfies Record<AmendmentType, new () => object>;

export type ChangesOf<T extends AmendmentType> = InstanceType<(typeof CHANGES_BY_TYPE)[T]>;

/** The stored changes of an amendment, typed by its type (they were checked by parseChanges when written). */
export function changesOf<T extends AmendmentType>(amendment: { type: AmendmentType; changes: Record<string, unknown> }, ...types: T[]): ChangesOf<T> {
  if (!types.includes(amendment.type as T)) throw new Error(`Expected the changes of ${types.join(' or ')}, not of ${amendment.type}`);
  return amendment.changes as unknown as ChangesOf<T>;
}

/**
 * `changes` checked against the amendment's type (400 VALIDATION_ERROR naming `changes.<field>`,
 * unknown fields refused like anywhere else), and a description required where it is the change.
 * Here rather than in the DTO: an update may send changes without the type it keeps.
 */
export function parseChanges(type: AmendmentType, changes: unknown, description: string | null): Record<string, unknown> {
  const errors: FieldError[] = type === 'other' && !description ? [{ field: 'description', message: 'description is required for an amendment of type other: it is the change' }] : [];
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new ValidationFailedError([{ field: 'changes', message: 'changes must be an object' }, ...errors]);
  }
  const instance = plainToInstance(CHANGES_BY_TYPE[type], changes) as Record<string, unknown>;
  // class-transformer drops keys such as __proto__ silently: refused here like any unknown field.
  const dropped = Object.keys(changes).filter((key) => !Object.hasOwn(instance, key));
  errors.push(...dropped.map((key) => ({ field: `changes.${key}`, message: `property ${key} should not exist` })));
  // forbidUnknownValues off: `other` has no field at all, and must still refuse any given.
  const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false, value: false } };
  errors.push(...flatten(validateSync(instance, options), 'changes'));
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return { ...instance };
}
