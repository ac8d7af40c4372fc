import { MS_PER_DAY } from './instants.js';

/**
 * Calendar dates as the API carries them: `YYYY-MM-DD` strings, computed in UTC so that no time
 * zone ever shifts a day. Every rent rule works on these.
 */
export type IsoDate = string;

function toUtc(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * MS_PER_DAY);
}

/** Days from `from` to `to` (to − from), whole days. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

/** The same day `months` later, kept within the month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, 12 * years);
}

/** First day of the month of `date`, or of its calendar quarter when `months` is 3. */
export function periodStartOf(date: IsoDate, months: 1 | 3): IsoDate {
  const [year, month] = date.split('-').map(Number);
  const first = months === 3 ? month - ((month - 1) % 3) : month;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The day of `month` (YYYY-MM-01) numbered `day`, within the month. */
export function dayOfMonth(monthStart: IsoDate, day: number): IsoDate {
  return addDays(monthStart, Math.min(day, daysBetween(monthStart, addMonths(monthStart, 1))) - 1);
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
