import type { Cents } from '../../../core/money/money.js';
import { addYears, type IsoDate } from '../../../core/time/calendar.js';

/** An IRL value with 2 decimals, e.g. 145.47. */
export type IndexValue = number;

const QUARTER = /^T([1-4])-(\d{4})$/;

/** `T2-2027` → the same quarter one year earlier, `T2-2026`. */
export function quarterYearBefore(quarter: string): string {
  const [, number, year] = QUARTER.exec(quarter) ?? [];
  if (!number) throw new RangeError(`Not an IRL quarter: ${quarter}`);
  return `T${number}-${Number(year) - 1}`;
}

export const quarterNumber = (quarter: string): number => Number(QUARTER.exec(quarter)?.[1] ?? NaN);

/**
 * Art. 17-1 I, loi n° 89-462: the revised rent is the current rent × the IRL of the reference
 * quarter of the revision year ÷ the IRL of the same quarter one year earlier: the yearly
 * variation only, so a revision not claimed is never made up later. Rounded to the cent (half up),
 * computed in integers: indices have 2 decimals.
 */
export function revisedRent(currentRent: Cents, newIndex: IndexValue, previousIndex: IndexValue): Cents {
  const numerator = BigInt(currentRent) * BigInt(Math.round(newIndex * 100));
  const denominator = BigInt(Math.round(previousIndex * 100));
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * When a revision for `revisionDate`, claimed on `claimedOn`, takes effect (art. 17-1 I): on its
 * date if claimed by then; if claimed later, from the day it is claimed, never retroactively; and
 * not at all one year after its date (the landlord lost it): `null`.
 */
export function revisionEffectiveDate(revisionDate: IsoDate, claimedOn: IsoDate): IsoDate | null {
  if (claimedOn > addYears(revisionDate, 1)) return null;
  return claimedOn > revisionDate ? claimedOn : revisionDate;
}

/** The revision dates of a lease: each anniversary of its start, or of its own first revision date. */
export function isRevisionDate(date: IsoDate, leaseStart: IsoDate, firstRevision: IsoDate | null): boolean {
  const first = firstRevision ?? addYears(leaseStart, 1);
  for (let k = 0, candidate = first; candidate <= date; k++, candidate = addYears(first, k)) {
    if (candidate === date) return true;
  }
  return false;
}

/**
 * Housing rated F or G (DPE) cannot have its rent raised, at revision, renewal or reletting
 * (art. 159, loi n° 2021-1104 "Climat et résilience", amending art. 17 and 17-1 of loi n° 89-462):
 * in mainland France from 24 August 2022, overseas from 1 July 2024.
 */
export function rentFreezeApplies(energyLabel: string | null, postalCode: string, on: IsoDate): boolean {
  if (energyLabel !== 'F' && energyLabel !== 'G') return false;
  const overseas = /^97/.test(postalCode.trim());
  return on >= (overseas ? '2024-07-01' : '2022-08-24');
}
