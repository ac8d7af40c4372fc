import { RuleViolationError } from '../../core/errors/domain-errors.js';
import { divideRounded, fromCents, toCents } from '../../core/money/money.js';
import type { Lease, LeaseType } from './lease.entity.js';

type LeaseTerms = Pick<Lease, 'lease_type' | 'start_date' | 'end_date' | 'rent_amount' | 'deposit_amount' | 'rent_frequency'>;

/**
 * Most months of rent (excluding charges) a deposit may be: 1 unfurnished (loi du 6 juillet 1989,
 * art. 22), 2 furnished, and student leases are furnished. Commercial and parking: no legal cap.
 */
export const DEPOSIT_CAP_MONTHS: Partial<Record<LeaseType, number>> = { unfurnished: 1, furnished: 2, student: 2 };

/** The business rules of a lease's terms; each failure names its rule (422 RULE_VIOLATION). */
export function assertLeaseRules(terms: LeaseTerms): void {
  if (terms.end_date !== null && terms.end_date <= terms.start_date) {
    throw new RuleViolationError('end_date must be after start_date', { rule: 'end_after_start' });
  }
  const months = DEPOSIT_CAP_MONTHS[terms.lease_type];
  if (months !== undefined && terms.deposit_amount !== null) {
    // In cents: a quarterly rent's month is a third of it, rounded to the cent.
    const rent = toCents(terms.rent_amount) * months;
    const maxDeposit = fromCents(terms.rent_frequency === 'quarterly' ? divideRounded(rent, 3) : rent);
    if (terms.deposit_amount > maxDeposit) {
      throw new RuleViolationError(
        `deposit_amount exceeds ${months} month${months > 1 ? 's' : ''} of rent for a ${terms.lease_type} lease (at most ${maxDeposit})`,
        { rule: 'deposit_cap', max_deposit: maxDeposit },
      );
    }
  }
}
