/**
 * Instants (a `Date`: expiries, retention cut-offs) moved by whole hours or days of 24 hours.
 * Calendar dates (`YYYY-MM-DD`, the rent rules) have their own arithmetic in calendar.ts.
 */
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

export function plusHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * MS_PER_HOUR);
}

export function plusDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * MS_PER_DAY);
}
