export const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * '2027-03-15' → '15 mars 2027', and '2027-03-01' → '1er mars 2027': the first of the month is
 * written as an ordinal in French, which Intl does not do.
 */
export function frenchLongDate(date: string): string {
  const [year, month, day] = (/^(\d{4})-(\d{2})-(\d{2})$/.exec(date) ?? []).slice(1).map(Number);
  // A day that does not exist (30 February) rolls over into the next month: refused.
  if (year === undefined || month < 1 || month > 12 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return `${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month - 1]} ${year}`;
}

/** 'du 1er mars 2027 au 31 mars 2027': a period with both ends included. */
export function frenchPeriod(period: { start: string; end: string }): string {
  return `du ${frenchLongDate(period.start)} au ${frenchLongDate(period.end)}`;
}
