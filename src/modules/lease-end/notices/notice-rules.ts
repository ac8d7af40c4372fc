import { RuleViolationError } from '../../../core/errors/domain-errors.js';
import { addDays, addMonths, type IsoDate } from '../../../core/time/calendar.js';

/** Reasons that shorten a lessee's notice to one month (art. 15 I, loi n° 89-462). */
export const SHORT_NOTICE_REASONS = ['first_job', 'job_transfer', 'job_loss', 'new_job_after_job_loss', 'health', 'rsa_aah', 'social_housing'] as const;
export const LESSEE_REASONS = ['standard', ...SHORT_NOTICE_REASONS] as const;
/** The only grounds of a landlord's notice (art. 15 I). */
export const LANDLORD_REASONS = ['sale', 'own_occupation', 'serious_reason'] as const;

export type NoticeGiver = 'lessee' | 'landlord';
export type HousingLeaseType = 'unfurnished' | 'furnished' | 'student';

export interface NoticeFacts {
  leaseType: HousingLeaseType;
  givenBy: NoticeGiver;
  reason: string;
  receivedOn: IsoDate;
  startDate: IsoDate;
  /** The lease's own end, when it has one; else it renews tacitly by terms. */
  endDate: IsoDate | null;
  tenseZone: boolean;
  /** A company or SCI landlord: 6-year terms for unfurnished housing (art. 10). */
  landlordIsCompany: boolean;
}

export interface NoticeOutcome {
  noticeMonths: number;
  /** The day the lease ends. */
  endDate: IsoDate;
}

const rule = (message: string, name: string, details: Record<string, unknown> = {}) => new RuleViolationError(message, { rule: name, ...details });

/**
 * When a notice (congé) ends a loi 89 lease.
 * - The lessee (art. 15 I): 3 months for unfurnished housing; 1 month for furnished or student
 *   housing (art. 25-8), in a tense-market zone, or for a legal reason; counted from receipt.
 * - The landlord (art. 15 I; art. 25-8 for furnished): for sale, own occupation or a serious reason
 *   only; the lease ends at its term — its end date, or the end of the current tacit term (3 years,
 *   6 for a company landlord, unfurnished (art. 10); 1 year furnished) — and the notice must arrive
 *   at least 6 months (unfurnished) or 3 months (furnished) before it. A student lease (art. 25-9)
 *   ends at its term without renewal: no landlord's notice to give.
 */
export function noticeOutcome(facts: NoticeFacts): NoticeOutcome {
  if (facts.givenBy === 'lessee') {
    const short = facts.leaseType !== 'unfurnished' || facts.tenseZone || (SHORT_NOTICE_REASONS as readonly string[]).includes(facts.reason);
    const noticeMonths = short ? 1 : 3;
    return { noticeMonths, endDate: addMonths(facts.receivedOn, noticeMonths) };
  }
  if (!(LANDLORD_REASONS as readonly string[]).includes(facts.reason)) {
    throw rule('A landlord may give notice only to sell, to live in the dwelling (or house a relative) or for a serious reason (art. 15 I, loi n° 89-462)', 'art_15_landlord_reason');
  }
  if (facts.leaseType === 'student') {
    throw rule('A student lease ends at its term without renewal (art. 25-9, loi n° 89-462): no landlord\'s notice is needed', 'art_25_9_student_lease');
  }
  const noticeMonths = facts.leaseType === 'unfurnished' ? 6 : 3;
  const term = termEnd(facts);
  if (addMonths(facts.receivedOn, noticeMonths) > term) {
    throw rule(`A landlord's notice must arrive at least ${noticeMonths} months before the lease's term, ${term} (art. ${facts.leaseType === 'unfurnished' ? '15 I' : '25-8'}, loi n° 89-462)`, 'art_15_notice_period', {
      term_end: term,
      latest_receipt: addMonths(term, -noticeMonths),
    });
  }
  return { noticeMonths, endDate: term };
}

/** The end of the term in force on the day the notice arrives (the last day of the lease if it ends then). */
export function termEnd(facts: Pick<NoticeFacts, 'leaseType' | 'startDate' | 'endDate' | 'receivedOn' | 'landlordIsCompany'>): IsoDate {
  if (facts.endDate) return facts.endDate;
  const termMonths = facts.leaseType === 'unfurnished' ? (facts.landlordIsCompany ? 72 : 36) : facts.leaseType === 'furnished' ? 12 : 9;
  let end = addDays(addMonths(facts.startDate, termMonths), -1);
  for (let k = 2; end < facts.receivedOn; k++) end = addDays(addMonths(facts.startDate, k * termMonths), -1);
  return end;
}

/**
 * Art. 15 III: a landlord may not give notice to a lessee over 65 whose resources are below the
 * ceiling of social housing without offering rehousing in the vicinity. Income unknown counts as
 * modest: the rule protects the lessee when in doubt.
 */
export function isProtectedLessee(lessee: { birth_date: IsoDate | null; monthly_income: number | null }, onDate: IsoDate, annualIncomeCeiling: number): boolean {
  if (!lessee.birth_date) return false;
  const sixtyFifth = addMonths(lessee.birth_date, 65 * 12);
  if (sixtyFifth > onDate) return false;
  return lessee.monthly_income === null || lessee.monthly_income * 12 <= annualIncomeCeiling;
}
