import { isRevisionDate, quarterYearBefore, rentFreezeApplies, revisedRent, revisionEffectiveDate } from './irl-revision.js';

describe('IRL revision (art. 17-1, loi n° 89-462)', () => {
  it('applies the yearly variation of the index, rounded to the cent', () => {
    // 850.00 × 146.68 / 145.17 = 858.8413… → 858.84
    expect(revisedRent(85000, 146.68, 145.17)).toBe(85884);
    // 1234.56 × 100.01 / 100.00 = 1234.683456 → 1234.68
    expect(revisedRent(123456, 100.01, 100)).toBe(123468);
    // exactly half a cent rounds up: 10.01 × 1.5 / 1.00 = 15.015 → 15.02
    expect(revisedRent(1001, 1.5, 1)).toBe(1502);
    expect(revisedRent(85000, 140, 145)).toBeLessThan(85000); // the index can fall
  });

  it('compares a quarter with the same quarter a year earlier', () => {
    expect(quarterYearBefore('T2-2027')).toBe('T2-2026');
    expect(() => quarterYearBefore('Q2-2027')).toThrow(RangeError);
  });

  it('takes effect on its date, or from the day it is claimed when late, and is lost after a year', () => {
    expect(revisionEffectiveDate('2028-01-01', '2027-12-15')).toBe('2028-01-01');
    expect(revisionEffectiveDate('2028-01-01', '2028-03-10')).toBe('2028-03-10'); // never retroactive
    expect(revisionEffectiveDate('2028-01-01', '2029-01-01')).toBe('2029-01-01'); // the last day it can be claimed
    expect(revisionEffectiveDate('2028-01-01', '2029-01-02')).toBeNull(); // lost
  });

  it('knows a lease\'s revision dates: anniversaries, or its own first date then yearly', () => {
    expect(isRevisionDate('2028-01-15', '2027-01-15', null)).toBe(true);
    expect(isRevisionDate('2027-01-15', '2027-01-15', null)).toBe(false); // the start is not a revision
    expect(isRevisionDate('2028-02-15', '2027-01-15', null)).toBe(false);
    expect(isRevisionDate('2029-07-01', '2027-01-15', '2027-07-01')).toBe(true);
  });

  it('freezes the rent of F and G housing (art. 159, loi n° 2021-1104), mainland from 24 Aug 2022, overseas from 1 Jul 2024', () => {
    expect(rentFreezeApplies('G', '69003', '2022-08-24')).toBe(true);
    expect(rentFreezeApplies('F', '69003', '2022-08-23')).toBe(false);
    expect(rentFreezeApplies('E', '69003', '2027-01-01')).toBe(false);
    expect(rentFreezeApplies('G', '97400', '2024-06-30')).toBe(false);
    expect(rentFreezeApplies('G', '97400', '2024-07-01')).toBe(true);
    expect(rentFreezeApplies(null, '75001', '2027-01-01')).toBe(false);
  });
});
