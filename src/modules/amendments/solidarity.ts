import { addMonths, type IsoDate, maxDate, minDate } from '../../core/time/calendar.js';

/** How long a departed co-tenant stays jointly liable, at most, when nobody replaces them. */
export const SOLIDARITY_MONTHS = 6;

export interface Departure {
  lesseeId: string;
  /** When the congé was given. */
  noticeDate: IsoDate;
  /** When it takes effect: the co-tenant leaves the lease (the amendment's effective date). */
  effectiveDate: IsoDate;
}

/**
 * Until when a co-tenant who gave notice stays jointly liable (solidaire), with their guarantor,
 * under art. 8-1 VI of loi n° 89-462: « La solidarité d'un des colocataires […] prend fin à la date
 * d'effet du congé régulièrement délivré et lorsqu'un nouveau colocataire figure au bail. A défaut,
 * elle s'éteint au plus tard à l'expiration d'un délai de six mois après la date d'effet du congé. »
 * A replacement is another lessee who became a tenant of the lease on or after the notice (one
 * already there before is not "new"); with one, solidarity ends when both hold: the congé has
 * taken effect and the newcomer is on the lease, never later than the six months.
 */
export function solidarityEnds(departure: Departure, tenants: readonly { lessee_id: string; start_date: IsoDate }[]): IsoDate {
  const latest = addMonths(departure.effectiveDate, SOLIDARITY_MONTHS);
  const replacement = tenants
    .filter((party) => party.lessee_id !== departure.lesseeId && party.start_date >= departure.noticeDate)
    .map((party) => party.start_date)
    .sort()[0];
  return replacement === undefined ? latest : minDate(latest, maxDate(departure.effectiveDate, replacement));
}
