import type { FieldError } from '../../core/errors/domain-errors.js';
import type { Owner } from './owner.entity.js';

type OwnerNames = Pick<Owner, 'owner_category' | 'last_name' | 'legal_name'>;

/** The name an owner must have for its category (mirrored by the owners_name_by_category CHECK). */
export function ownerCategoryErrors(owner: OwnerNames): FieldError[] {
  if (owner.owner_category === 'individual' && !owner.last_name) {
    return [{ field: 'last_name', message: 'last_name is required for an individual owner' }];
  }
  if (owner.owner_category !== 'individual' && !owner.legal_name) {
    return [{ field: 'legal_name', message: `legal_name is required for a ${owner.owner_category} owner` }];
  }
  return [];
}
