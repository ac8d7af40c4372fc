import type { FieldError } from '../../core/errors/domain-errors.js';
import type { Lessee } from './lessee.entity.js';

type LesseeNames = Pick<Lessee, 'category' | 'last_name' | 'legal_name'>;

/** The name a lessee must have for its category (mirrored by the lessees_name_by_category CHECK). */
export function lesseeCategoryErrors(lessee: LesseeNames): FieldError[] {
  if (lessee.category === 'company' && !lessee.legal_name) {
    return [{ field: 'legal_name', message: 'legal_name is required for a company lessee' }];
  }
  if (lessee.category !== 'company' && !lessee.last_name) {
    const who = lessee.category === 'individual' ? 'an individual lessee' : 'a guarantor';
    return [{ field: 'last_name', message: `last_name is required for ${who}` }];
  }
  return [];
}
