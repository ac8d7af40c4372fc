import { type Cents, divideRounded } from '../../core/money/money.js';
import type { IsoDate } from '../../core/time/calendar.js';
import type { WearGridItem } from '../leases/wear-grids.service.js';

export type WearLine = Pick<WearGridItem, 'lifetime_years' | 'neutral_years' | 'residual_percent'>;

export interface Wear {
  /** Whole months of wear, from `from` to the exit. */
  months: number;
  /** The date wear is counted from: the item's installation, else the entry report's date. */
  from: IsoDate;
  /** The tenant's share of a repair as an exact fraction: numerator ÷ denominator. */
  share: { numerator: bigint; denominator: bigint };
}

/** Whole calendar months from `from` to `to`, never negative: 15 Jan → 14 Mar is 1, → 15 Mar is 2. */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number);
  const [toYear, toMonth, toDay] = to.split('-').map(Number);
  const months = (toYear - fromYear) * 12 + (toMonth - fromMonth) - (toDay < fromDay ? 1 : 0);
  return Math.max(0, months);
}

/**
 * How much of a repair the tenant owes for an item of this age, by its wear (vétusté) line: all of
 * it during the neutral years (the franchise), then less and less, linearly, down to the residual
 * share at the end of its lifetime, and never less than that. Counted in whole months, exact: the
 * share is a fraction, so rounding happens once, on the amount.
 *
 *   m ≤ 12·neutral           → 100 %
 *   m ≥ 12·lifetime          → residual %
 *   otherwise                → 100 % − (100 % − residual %) × (m − 12·neutral) ÷ (12·(lifetime − neutral))
 */
export function wearOf(line: WearLine, installedOn: IsoDate | null, entryDate: IsoDate, exitDate: IsoDate): Wear {
  const from = installedOn ?? entryDate;
  const months = monthsBetween(from, exitDate);
  const neutral = BigInt(12 * line.neutral_years);
  const lifetime = BigInt(12 * line.lifetime_years);
  const residual = BigInt(line.residual_percent);
  const age = BigInt(months);
  if (age <= neutral) return { months, from, share: { numerator: 1n, denominator: 1n } };
  if (age >= lifetime) return { months, from, share: { numerator: residual, denominator: 100n } };
  const span = lifetime - neutral;
  return { months, from, share: { numerator: 100n * span - (100n - residual) * (age - neutral), denominator: 100n * span } };
}

/** `amount` × the share, rounded half up to the cent (BigInt: no overflow for any numeric(12,2)). */
export function shareOf(amount: Cents, share: Wear['share']): Cents {
  const product = BigInt(amount) * share.numerator;
  return Number((2n * product + share.denominator) / (2n * share.denominator));
}

/** The share in percent with 2 decimals (32.5, 10, 100), rounded half up: for display only. */
export function sharePercent(share: Wear['share']): number {
  return shareOf(10_000, share) / 100;
}

/** Years of wear with 2 decimals, for display: 78 months → 6.5. */
export const yearsOf = (months: number): number => divideRounded(months * 100, 12) / 100;
