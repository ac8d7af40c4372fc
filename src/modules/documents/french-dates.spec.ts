import { frenchLongDate, frenchPeriod } from './french-dates.js';

describe('French dates', () => {
  it.each([
    ['2027-03-01', '1er mars 2027'], ['2027-03-15', '15 mars 2027'], ['2027-03-31', '31 mars 2027'], ['2026-02-01', '1er février 2026'],
    ['2026-08-02', '2 août 2026'], ['2026-12-25', '25 décembre 2026'], ['2028-02-29', '29 février 2028'], ['2026-01-10', '10 janvier 2026'],
  ])('writes %p as %p', (date, text) => {
    expect(frenchLongDate(date)).toBe(text);
  });

  it('refuses what is not a calendar date in YYYY-MM-DD', () => {
    for (const bad of ['2027-13-01', '2027-00-10', '2027-03-00', '2027-03-32', '2027-02-29', '2026-04-31', '1/3/2027', '2027-03-01T00:00:00Z']) expect(() => frenchLongDate(bad)).toThrow(RangeError);
  });

  it('writes a period with both ends', () => {
    expect(frenchPeriod({ start: '2027-03-01', end: '2027-03-31' })).toBe('du 1er mars 2027 au 31 mars 2027');
  });
});
