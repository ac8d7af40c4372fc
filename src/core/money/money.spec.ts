import { formatEuros, fromCents, toCents } from './money.js';

describe('money', () => {
  it.each([
    [0, 0], [0.01, 1], [0.1, 10], [0.29, 29], [19.99, 1999], [140, 14000], [850.5, 85050], [575, 57500], [9999999999.99, 999999999999], [-12.34, -1234],
  ])('%p euros is %p cents', (euros, cents) => {
    expect(toCents(euros)).toBe(cents);
  });

  it('refuses amounts with more than 2 decimals instead of rounding them', () => {
    expect(() => toCents(1.005)).toThrow(RangeError);
    expect(() => toCents(0.001)).toThrow(RangeError);
  });

  it('round-trips every cent amount up to 1000 euros exactly', () => {
    for (let cents = 0; cents <= 100_000; cents++) expect(toCents(fromCents(cents))).toBe(cents);
  });

  it('shows cents as decimal euros', () => {
    expect(fromCents(85050)).toBe(850.5);
    expect(fromCents(1)).toBe(0.01);
    expect(fromCents(-1234)).toBe(-12.34);
    expect(() => fromCents(1.5)).toThrow(RangeError);
  });

  it.each([
    [123456, '1 234,56 €'], [5, '0,05 €'], [-1250, '-12,50 €'], [0, '0,00 €'], [85050, '850,50 €'], [100, '1,00 €'],
    [99999, '999,99 €'], [100000, '1 000,00 €'], [123456789, '1 234 567,89 €'], [999999999999, '9 999 999 999,99 €'], [-1, '-0,01 €'],
  ])('formats %p cents as %p', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });

  it('refuses to format a fraction of a cent', () => {
    expect(() => formatEuros(0.5)).toThrow(RangeError);
  });
});
