import type { PdfWriter } from '../../documents/pdf-layout.js';

/** Who and what every rent document names (avis d'échéance, quittance, reçu). */
export interface RentDocumentParties {
  landlord: { name: string; address: string | null };
  tenants: string[];
  property: { address: string; unit: string };
}

/** 'A', 'A et B', 'A, B et C'. */
export function frenchList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

/** The bailleur, the locataire(s) and the dwelling, stated the same way on every rent document. */
export function writeParties(pdf: PdfWriter, { landlord, tenants, property }: RentDocumentParties): void {
  // A rent document addressed to no one cannot be claimed or quoted: a caller's mistake.
  if (tenants.length === 0) throw new RangeError('A rent document names at least one tenant');
  pdf.heading('Bailleur');
  pdf.field('Nom', landlord.name);
  if (landlord.address) pdf.field('Adresse', landlord.address);
  pdf.heading(tenants.length > 1 ? 'Locataires' : 'Locataire');
  for (const tenant of tenants) pdf.field('Nom', tenant);
  pdf.heading('Logement');
  pdf.field('Adresse', property.address);
  pdf.field('Lot', property.unit);
}
