import { formatEuros, toCents } from '../../core/money/money.js';

/** The wording the parts of the lease contract share. */

/** An amount as the entities hold it, decimal euros: 850.5 → '850,50 €'. */
export const euros = (amount: number) => formatEuros(toCents(amount));

/** 54.3 → '54,3 m²'. */
export const squareMetres = (area: number) => `${String(area).replace('.', ',')} m²`;

export const personName = (p: { title?: string | null; first_name?: string | null; last_name?: string | null; legal_name?: string | null }) =>
  p.legal_name ?? [p.title, p.first_name, p.last_name].filter(Boolean).join(' ');

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

/**
 * Section titles numbered I., II., … in the order they are asked for, so that a section a lease
 * does not need leaves no gap. Returns the title (not writing it): a block kept together is
 * written twice, and must not number its heading twice.
 */
export function sectionNumbers(): (title: string) => string {
  let count = 0;
  return (title) => `${ROMAN[count++]}. ${title}`;
}
