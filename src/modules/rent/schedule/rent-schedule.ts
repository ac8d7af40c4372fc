import { type Cents, divideRounded } from '../../../core/money/money.js';
import { addDays, addMonths, dayOfMonth, daysBetween, type IsoDate, maxDate, minDate, periodStartOf } from '../../../core/time/calendar.js';

/** What the schedule of a lease is computed from: figures in cents, dates as YYYY-MM-DD. */
export interface ScheduleInput {
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** 1–28; rent is payable in advance on this day of the period's first month (default 1). */
  paymentDay: number | null;
  frequency: 'monthly' | 'quarterly';
  /** Rent and charges provision per period, each in force from its date (the contract's first). */
  rents: { from: IsoDate; rent: Cents; provision: Cents }[];
  /** Recoverable charge rows (the others are the landlord's own costs, never called). */
  charges: { label: string; amount: Cents; frequency: 'monthly' | 'quarterly' | 'yearly' | 'one_time'; startDate: IsoDate | null; endDate: IsoDate | null }[];
}

export interface ScheduleLine {
  label: string;
  kind: 'rent' | 'provision' | 'charge';
  amount: Cents;
}

export interface SchedulePeriod {
  /** The part of the period the lease covers (a first or last period may be partial). */
  start: IsoDate;
  end: IsoDate;
  dueDate: IsoDate;
  rent: Cents;
  /** Provision + charge rows. */
  charges: Cents;
  total: Cents;
  lines: ScheduleLine[];
}

const MONTHS = { monthly: 1, quarterly: 3 } as const;
const CHARGE_STEP = { monthly: 1, quarterly: 3, yearly: 12, one_time: 0 } as const;

/**
 * The periods of a lease that overlap [from, to], with what each calls for. Rent is payable in
 * advance: each calendar month (or calendar quarter, called in its first month) is due on the
 * payment day, or on the lease's first day if that comes later. A first or last partial period is
 * prorated by actual days; a rent change applies from its effective date, prorated the same way.
 * A recoverable charge row falls in the period containing each of its due dates.
 */
export function rentSchedule(input: ScheduleInput, from: IsoDate, to: IsoDate): SchedulePeriod[] {
  const months = MONTHS[input.frequency];
  const periods: SchedulePeriod[] = [];
  for (let fullStart = periodStartOf(maxDate(input.startDate, from), months); fullStart <= to; fullStart = addMonths(fullStart, months)) {
    const fullEnd = addDays(addMonths(fullStart, months), -1);
    const start = maxDate(fullStart, input.startDate);
    const end = input.endDate ? minDate(fullEnd, input.endDate) : fullEnd;
    if (start > end) break; // past the lease's end
    if (end < from) continue;
    periods.push(periodOf(input, fullStart, fullEnd, start, end));
  }
  return periods;
}

function periodOf(input: ScheduleInput, fullStart: IsoDate, fullEnd: IsoDate, start: IsoDate, end: IsoDate): SchedulePeriod {
  const fullDays = daysBetween(fullStart, fullEnd) + 1;
  // Σ amount × days over the segments between rent changes, divided once: one rounding per line.
  let rentWeighted = 0;
  let provisionWeighted = 0;
  for (const segment of segmentsOf(input.rents, start, end)) {
    rentWeighted += segment.rent * segment.days;
    provisionWeighted += segment.provision * segment.days;
  }
  const rent = divideRounded(rentWeighted, fullDays);
  const provision = divideRounded(provisionWeighted, fullDays);
  const lines: ScheduleLine[] = [{ label: 'Loyer', kind: 'rent', amount: rent }];
  if (provision > 0) lines.push({ label: 'Provision pour charges', kind: 'provision', amount: provision });
  for (const charge of input.charges) {
    const occurrences = chargeDueDates(charge, input.startDate, start, end).length;
    for (let n = 0; n < occurrences; n++) lines.push({ label: charge.label, kind: 'charge', amount: charge.amount });
  }
  const charges = lines.filter((line) => line.kind !== 'rent').reduce((sum, line) => sum + line.amount, 0);
  const payday = dayOfMonth(fullStart, input.paymentDay ?? 1);
  return { start, end, dueDate: maxDate(payday, start), rent, charges, total: rent + charges, lines };
}

/** The runs of days in [start, end] with one rent in force each. */
function segmentsOf(rents: ScheduleInput['rents'], start: IsoDate, end: IsoDate): { rent: Cents; provision: Cents; days: number }[] {
  const ordered = [...rents].sort((a, b) => (a.from < b.from ? -1 : 1));
  const segments = [];
  for (let index = 0; index < ordered.length; index++) {
    const segmentStart = maxDate(ordered[index].from, start);
    const next = ordered[index + 1]?.from;
    const segmentEnd = next ? minDate(addDays(next, -1), end) : end;
    if (segmentStart > segmentEnd) continue;
    segments.push({ rent: ordered[index].rent, provision: ordered[index].provision, days: daysBetween(segmentStart, segmentEnd) + 1 });
  }
  return segments;
}

/** Due dates of a charge row within [start, end], stepping from its own start (or the lease's). */
function chargeDueDates(charge: ScheduleInput['charges'][number], leaseStart: IsoDate, start: IsoDate, end: IsoDate): IsoDate[] {
  const first = charge.startDate ?? leaseStart;
  const last = charge.endDate ? minDate(charge.endDate, end) : end;
  const step = CHARGE_STEP[charge.frequency];
  if (step === 0) return first >= start && first <= last ? [first] : [];
  const dates: IsoDate[] = [];
  for (let k = 0, due = first; due <= last; k++, due = addMonths(first, k * step)) {
    if (due >= start) dates.push(due);
  }
  return dates;
}
