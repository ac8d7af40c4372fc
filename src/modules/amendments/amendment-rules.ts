import { RuleViolationError } from '../../core/errors/domain-errors.js';
import type { IsoDate } from '../../core/time/calendar.js';
import type { Lease } from '../leases/lease.entity.js';

/** An amendment changes a lease from a date within it: never before it started. */
export function assertEffectiveInLease(lease: Pick<Lease, 'start_date'>, effectiveDate: IsoDate): void {
  if (effectiveDate < lease.start_date) {
    throw new RuleViolationError('effective_date must not be before the lease starts', { rule: 'effective_in_lease', start_date: lease.start_date });
  }
}

/**
 * A new end date (a duration change, or a renewal's new term): after the lease starts, after the
 * end it replaces, after the amendment takes effect.
 */
export function assertNewEnd(lease: Pick<Lease, 'start_date' | 'end_date'>, endDate: IsoDate, effectiveDate: IsoDate): void {
  if (endDate <= lease.start_date) throw new RuleViolationError('end_date must be after the lease\'s start_date', { rule: 'end_after_start', start_date: lease.start_date });
  if (lease.end_date !== null && endDate <= lease.end_date) {
    throw new RuleViolationError('end_date must be after the lease\'s current end_date', { rule: 'end_after_current_end', end_date: lease.end_date });
  }
  if (endDate <= effectiveDate) throw new RuleViolationError('end_date must be after the amendment\'s effective_date', { rule: 'end_after_effective' });
}

/** A congé takes effect after it is given (the notice period runs between). */
export function assertNoticeBeforeEffect(noticeDate: IsoDate, effectiveDate: IsoDate): void {
  if (noticeDate > effectiveDate) {
    throw new RuleViolationError('notice_date must not be after the effective_date: the congé is given, then takes effect', { rule: 'notice_before_effect' });
  }
}
