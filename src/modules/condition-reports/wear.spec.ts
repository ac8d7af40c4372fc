import { monthsBetween, shareOf, sharePercent, type WearLine, wearOf, yearsOf } from './wear.js';

// Lines of the default grid (wear-grids.service.ts).
const PAINT: WearLine = { lifetime_years: 8, neutral_years: 2, residual_percent: 10 };
const APPLIANCE: WearLine = { lifetime_years: 10, neutral_years: 2, residual_percent: 10 };
const SANITARY: WearLine = { lifetime_years: 15, neutral_years: 3, residual_percent: 20 };

const ENTRY = '2020-01-15';
const EXIT = '2026-07-15';

describe('wear (vétusté)', () => {
  it('counts whole calendar months, never negative', () => {
    expect(monthsBetween('2020-01-15', '2020-03-14')).toBe(1);
    expect(monthsBetween('2020-01-15', '2020-03-15')).toBe(2);
    expect(monthsBetween('2020-01-31', '2020-02-29')).toBe(0);
    expect(monthsBetween(ENTRY, EXIT)).toBe(78);
    expect(monthsBetween('2027-01-01', '2026-01-01')).toBe(0);
  });

  it('falls linearly between the neutral years and the lifetime: paint, 78 months from the entry (no install date)', () => {
    // 100 − 90 × (78 − 24) ÷ (96 − 24) = 100 − 67.5 = 32.5 %
    const wear = wearOf(PAINT, null, ENTRY, EXIT);
    expect(wear).toMatchObject({ months: 78, from: ENTRY });
    expect(sharePercent(wear.share)).toBe(32.5);
    // 400.20 € × 32.5 % = 130.065 € → 130.07 € (half up)
    expect(shareOf(40020, wear.share)).toBe(13007);
    expect(shareOf(40000, wear.share)).toBe(13000);
  });

  it('takes the install date over the entry date when there is one', () => {
    // 2023-07-15 → 2026-07-15: 36 months; 100 − 90 × 12 ÷ 72 = 85 %
    const wear = wearOf(PAINT, '2023-07-15', ENTRY, EXIT);
    expect(wear).toMatchObject({ months: 36, from: '2023-07-15' });
    expect(sharePercent(wear.share)).toBe(85);
    expect(shareOf(20000, wear.share)).toBe(17000);
  });

  it('charges everything during the neutral years, up to their last month', () => {
    // 2025-01-10 → 2026-07-15: 18 months, within 3 neutral years
    const wear = wearOf(SANITARY, '2025-01-10', ENTRY, EXIT);
    expect(wear.months).toBe(18);
    expect(sharePercent(wear.share)).toBe(100);
    expect(shareOf(8999, wear.share)).toBe(8999);
    expect(sharePercent(wearOf(PAINT, '2024-07-15', ENTRY, EXIT).share)).toBe(100); // 24 months: still neutral
    expect(sharePercent(wearOf(PAINT, '2024-06-15', ENTRY, EXIT).share)).toBe(98.75); // 25: 100 − 90 ÷ 72
  });

  it('never goes below the residual share, at or after the lifetime', () => {
    // 2014-03-01 → 2026-07-15: 148 months, past 10 years
    const old = wearOf(APPLIANCE, '2014-03-01', ENTRY, EXIT);
    expect(old.months).toBe(148);
    expect(sharePercent(old.share)).toBe(10);
    expect(shareOf(65000, old.share)).toBe(6500);
    expect(sharePercent(wearOf(PAINT, '2018-07-15', ENTRY, EXIT).share)).toBe(10); // 96 months: exactly the lifetime
    expect(sharePercent(wearOf(PAINT, '2018-08-15', ENTRY, EXIT).share)).toBe(11.25); // 95: 100 − 90 × 71 ÷ 72
  });

  it('treats an install date after the exit as new', () => {
    expect(sharePercent(wearOf(PAINT, '2027-01-01', ENTRY, EXIT).share)).toBe(100);
  });

  it('rounds half a cent up, once, on the amount, in exact integers', () => {
    const half = wearOf({ lifetime_years: 5, neutral_years: 0, residual_percent: 0 }, '2024-01-15', ENTRY, EXIT); // 30 of 60 months: 50 %
    expect(sharePercent(half.share)).toBe(50);
    expect(shareOf(3, half.share)).toBe(2); // 1.5 cents → 2
    expect(shareOf(999_999_999_999, wearOf(PAINT, null, ENTRY, EXIT).share)).toBe(325_000_000_000); // 324 999 999 999.675 → up
  });

  it('states the age in years with 2 decimals', () => {
    expect([yearsOf(78), yearsOf(148), yearsOf(18), yearsOf(0)]).toEqual([6.5, 12.33, 1.5, 0]);
  });
});
