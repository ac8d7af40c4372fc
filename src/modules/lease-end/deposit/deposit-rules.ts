import { type Cents, divideRounded } from '../../../core/money/money.js';
import { addMonths, type IsoDate, maxDate } from '../../../core/time/calendar.js';

/**
 * Art. 22, loi n° 89-462: the deposit is returned within 1 month of the keys' return when the
 * exit report matches the entry report, within 2 months otherwise.
 */
export function depositDueDate(keysReturnedOn: IsoDate, exitMatchesEntry: boolean): IsoDate {
  return addMonths(keysReturnedOn, exitMatchesEntry ? 1 : 2);
}

/** Art. 22: in a building in co-ownership, at most 20 % may be held back until its accounts are approved. */
export const MAX_HELD_BACK_PERCENT = 20;

/**
 * Art. 22, al. 7: returned late, the sum still owed grows by 10 % of the monthly rent (excluding
 * charges) for each month started late — except while the lessee has given no forwarding
 * address: the lateness counts from the later of the due date and the day the address was given.
 */
export function latePenalty(input: { dueDate: IsoDate; paidOn: IsoDate | null; forwardingAddressOn: IsoDate | null; monthlyRent: Cents }): { monthsStarted: number; penalty: Cents } {
  if (!input.paidOn || !input.forwardingAddressOn) return { monthsStarted: 0, penalty: 0 };
  const from = maxDate(input.dueDate, input.forwardingAddressOn);
  if (input.paidOn <= from) return { monthsStarted: 0, penalty: 0 };
  let monthsStarted = 1;
  while (addMonths(from, monthsStarted) < input.paidOn) monthsStarted++;
  return { monthsStarted, penalty: monthsStarted * divideRounded(input.monthlyRent * 10, 100) };
}

export interface SettlementFacts {
  deposit: Cents;
  deductions: Cents[];
  arrears: Cents;
  heldBack: Cents;
  dueDate: IsoDate;
  forwardingAddressOn: IsoDate | null;
  /** When the balance was paid; unpaid: the figures as of `asOf` (what would be owed that day). */
  paidOn: IsoDate | null;
  asOf: IsoDate;
  monthlyRent: Cents;
}

export interface SettlementFigures {
  deducted: Cents;
  monthsLate: number;
  penalty: Cents;
  /** Paid (or owed, if unpaid) to the lessee now: the deposit less deductions, arrears and what is held back, plus the penalty. */
  returned: Cents;
}

/** The settlement's money, in cents: one function for the API, the stored row and the PDF. */
export function settlementFigures(facts: SettlementFacts): SettlementFigures {
  const deducted = facts.deductions.reduce((sum, amount) => sum + amount, 0);
  const { monthsStarted, penalty } = latePenalty({ dueDate: facts.dueDate, paidOn: facts.paidOn ?? facts.asOf, forwardingAddressOn: facts.forwardingAddressOn, monthlyRent: facts.monthlyRent });
  return { deducted, monthsLate: monthsStarted, penalty, returned: facts.deposit - deducted - facts.arrears - facts.heldBack + penalty };
}
