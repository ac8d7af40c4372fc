import { type Cents, formatEuros } from '../../../core/money/money.js';
import { frenchLongDate } from '../../documents/french-dates.js';
import { PdfWriter } from '../../documents/pdf-layout.js';
import type { PartyRole } from '../../leases/parties/lease-party.entity.js';

/** The change, with what it replaces: the document states both, in plain French. */
export type AmendmentChange =
  | { type: 'duration_change' | 'renewal'; endDate: string; previousEndDate: string | null }
  | { type: 'rent_change'; frequency: 'monthly' | 'quarterly'; rent: Cents; provision: Cents; previousRent: Cents; previousProvision: Cents }
  | { type: 'co_tenant_added'; name: string; role: PartyRole }
  | { type: 'co_tenant_removed'; name: string; noticeDate: string }
  | { type: 'other' };

export interface AmendmentDocument {
  issuedOn: string;
  landlord: { name: string; address: string | null };
  tenants: string[];
  property: { address: string; unit: string };
  lease: { reference: string | null; startDate: string };
  effectiveDate: string;
  change: AmendmentChange;
  description: string | null;
}

const LAW = 'loi n° 89-462 du 6 juillet 1989';

/**
 * An avenant au contrat de location: who agrees, which lease it amends (its reference and date),
 * the change in plain French from its effective date, that every other clause stands, and a
 * signature block per party, the blocks kept together on one page.
 */
export async function renderAmendment(data: AmendmentDocument): Promise<Uint8Array> {
  // An amendment nobody on the tenant's side can sign binds nobody: a caller's mistake.
  if (data.tenants.length === 0) throw new RangeError('An amendment names at least one tenant');
  const pdf = await PdfWriter.create(`Avenant au contrat de location — ${data.property.unit}`);
  pdf.title('Avenant au contrat de location');
  const lease = leaseLine(data.lease);
  pdf.paragraph(`${lease[0].toUpperCase()}${lease.slice(1)}`, { center: true, size: 9, after: 8 });

  pdf.heading('Entre les soussignés');
  pdf.paragraph('Le bailleur :', { bold: true });
  pdf.field('Nom', data.landlord.name);
  if (data.landlord.address) pdf.field('Adresse', data.landlord.address);
  pdf.paragraph(data.tenants.length > 1 ? 'Les locataires :' : 'Le locataire :', { bold: true });
  for (const tenant of data.tenants) pdf.field('Nom', tenant);

  pdf.heading('Bail modifié');
  pdf.paragraph(`Le présent avenant modifie le ${lease}, portant sur le logement suivant :`);
  pdf.field('Adresse', data.property.address);
  pdf.field('Lot', data.property.unit);

  pdf.heading('Objet de l\'avenant');
  for (const paragraph of changeText(data.change, data.effectiveDate, data.description)) pdf.paragraph(paragraph, { after: 4 });
  pdf.field('Date d\'effet', frenchLongDate(data.effectiveDate));

  pdf.heading('Autres clauses');
  pdf.paragraph('Toutes les autres clauses et conditions du bail demeurent inchangées et continuent de s\'appliquer entre les parties.');

  pdf.space(10);
  pdf.keepTogether(() => {
    pdf.paragraph(`Fait en autant d'exemplaires originaux que de parties, le ${frenchLongDate(data.issuedOn)}.`, { after: 10 });
    for (const label of signatories(data)) pdf.signatureBlock(label);
  });
  return pdf.save();
}

function leaseLine(lease: AmendmentDocument['lease']): string {
  return `contrat de location ayant pris effet le ${frenchLongDate(lease.startDate)}${lease.reference ? `, référence ${lease.reference}` : ''}`;
}

/** The bailleur and every tenant; a co-tenant or guarantor who joins signs too. */
function signatories({ landlord, tenants, change }: AmendmentDocument): string[] {
  const joining = change.type === 'co_tenant_added' ? [`${change.role === 'tenant' ? 'Le nouveau colocataire' : 'La caution'} : ${change.name}`] : [];
  return [`Le bailleur : ${landlord.name}`, ...tenants.map((tenant) => `Le locataire : ${tenant}`), ...joining];
}

/** The change as the parties agree to it, then any precision the description adds. */
export function changeText(change: AmendmentChange, effectiveDate: string, description: string | null): string[] {
  const from = `À compter du ${frenchLongDate(effectiveDate)}`;
  const texts: string[] = (() => {
    switch (change.type) {
      case 'duration_change':
        return [change.previousEndDate
          ? `La durée du bail est modifiée : le bail, dont le terme était fixé au ${frenchLongDate(change.previousEndDate)}, prendra fin le ${frenchLongDate(change.endDate)}.`
          : `La durée du bail est modifiée : le bail prendra fin le ${frenchLongDate(change.endDate)}.`];
      case 'renewal':
        return [`Le bail est renouvelé à compter du ${frenchLongDate(effectiveDate)}${change.previousEndDate ? `, à l'expiration du terme fixé au ${frenchLongDate(change.previousEndDate)}` : ''}. Le nouveau terme est fixé au ${frenchLongDate(change.endDate)}.`];
      case 'rent_change': {
        const period = change.frequency === 'quarterly' ? 'par trimestre' : 'par mois';
        const provision = change.provision === change.previousProvision
          ? `La provision pour charges reste fixée à ${formatEuros(change.provision)} ${period}.`
          : `La provision pour charges passe de ${formatEuros(change.previousProvision)} à ${formatEuros(change.provision)} ${period}.`;
        return [`${from}, le loyer hors charges passe de ${formatEuros(change.previousRent)} à ${formatEuros(change.rent)} ${period}. ${provision}`];
      }
      case 'co_tenant_added':
        return [change.role === 'tenant'
          ? `${from}, ${change.name} devient colocataire et partie au bail, tenu(e) de toutes les obligations du locataire.`
          : `${from}, ${change.name} se porte caution des obligations du locataire ; l'acte de cautionnement est établi séparément (article 22-1 de la ${LAW}).`];
      case 'co_tenant_removed':
        return [
          `${from}, date d'effet du congé qu'il ou elle a délivré le ${frenchLongDate(change.noticeDate)}, ${change.name} cesse d'être partie au bail.`,
          `Conformément à l'article 8-1 VI de la ${LAW}, sa solidarité et celle de la personne qui s'est portée caution pour lui ou elle prennent fin à cette date si un nouveau colocataire figure au bail, et au plus tard six mois après cette date.`,
        ];
      case 'other':
        return [`${from}, les parties conviennent de ce qui suit :`];
    }
  })();
  return description ? [...texts, change.type === 'other' ? description : `Précisions : ${description}`] : texts;
}
