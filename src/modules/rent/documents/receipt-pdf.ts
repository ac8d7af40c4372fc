import { type Cents, formatEuros } from '../../../core/money/money.js';
import { frenchLongDate, frenchPeriod } from '../../documents/french-dates.js';
import { PdfWriter } from '../../documents/pdf-layout.js';
import { frenchList, writeParties } from './rent-document-parties.js';

export interface ReceiptDocument {
  kind: 'quittance' | 'recu';
  number: string; // Q-2027-000123 / R-2027-000045
  issuedOn: string;
  landlord: { name: string; address: string | null };
  tenants: string[];
  property: { address: string; unit: string };
  period: { start: string; end: string };
  rent: Cents; // for a quittance: the rent of the period, paid; for a reçu: the part of this payment allocated to rent
  charges: Cents; // likewise for charges
  total: Cents; // rent + charges
  periodTotal: Cents; // what the period calls for in all
  paidOn: string; // date of the (last) payment
  remaining: Cents; // still owed for the period (0 for a quittance)
}

const LAW = 'article 21 de la loi n° 89-462 du 6 juillet 1989';

/**
 * A quittance (the period is paid in full, art. 21 of loi n° 89-462: rent and charges shown
 * apart, free of charge) or a reçu for a partial payment, which must not read as a quittance.
 */
export async function renderReceipt(data: ReceiptDocument): Promise<Uint8Array> {
  assertConsistent(data);
  const quittance = data.kind === 'quittance';
  const title = quittance ? 'Quittance de loyer' : 'Reçu de paiement partiel';
  const pdf = await PdfWriter.create(`${title} ${data.number}`);
  pdf.title(title);
  pdf.paragraph(`N° ${data.number} — ${quittance ? 'émise' : 'émis'} le ${frenchLongDate(data.issuedOn)}`, { center: true, size: 9 });
  pdf.paragraph(`Période ${frenchPeriod(data.period)}`, { center: true, bold: true, after: 6 });
  writeParties(pdf, data);
  if (quittance) writeQuittance(pdf, data);
  else writeRecu(pdf, data);
  pdf.space(10);
  pdf.paragraph(`Fait le ${frenchLongDate(data.issuedOn)}, ${data.landlord.name}, bailleur.`);
  return pdf.save();
}

function writeQuittance(pdf: PdfWriter, data: ReceiptDocument): void {
  const [tenants, plural] = [frenchList(data.tenants), data.tenants.length > 1];
  pdf.heading('Quittance');
  pdf.paragraph(
    `Je soussigné(e) ${data.landlord.name}, bailleur du logement désigné ci-dessus, déclare avoir reçu de ${tenants} la somme de ${formatEuros(data.total)}, ` +
      `soit ${formatEuros(data.rent)} de loyer et ${formatEuros(data.charges)} de provisions pour charges / charges, au titre du loyer et des charges pour la période ${frenchPeriod(data.period)}, et ${plural ? 'leur' : 'lui'} en donne quittance, sous réserve de tous mes droits.`,
  );
  pdf.heading('Détail du paiement');
  pdf.table(
    ['Poste', 'Montant'],
    [['Loyer', formatEuros(data.rent)], ['Provisions pour charges / charges', formatEuros(data.charges)], ['Total', formatEuros(data.total)]],
    [5, 2],
  );
  pdf.field('Date du paiement', frenchLongDate(data.paidOn));
  pdf.space(6);
  pdf.paragraph(`Quittance délivrée gratuitement (${LAW}).`, { size: 9 });
  // The reçus given for earlier partial payments of this period are superseded by it.
  pdf.paragraph('Cette quittance annule tous les reçus qui auraient pu être établis précédemment en cas de paiement partiel du terme de cette période.', { size: 9 });
}

function writeRecu(pdf: PdfWriter, data: ReceiptDocument): void {
  const paidSoFar = data.periodTotal - data.remaining;
  pdf.heading('Reçu');
  pdf.paragraph(
    `Je soussigné(e) ${data.landlord.name}, bailleur du logement désigné ci-dessus, déclare avoir reçu de ${frenchList(data.tenants)} la somme de ${formatEuros(data.total)} ` +
      `le ${frenchLongDate(data.paidOn)}, en paiement partiel du terme de la période ${frenchPeriod(data.period)}.`,
  );
  pdf.heading('Détail');
  pdf.table(
    ['Poste', 'Montant'],
    [
      ['Ce paiement, imputé sur le loyer', formatEuros(data.rent)],
      ['Ce paiement, imputé sur les provisions pour charges / charges', formatEuros(data.charges)],
      ['Montant de ce paiement', formatEuros(data.total)],
      ['Montant total du terme', formatEuros(data.periodTotal)],
      ['Total réglé à ce jour pour la période', formatEuros(paidSoFar)],
    ],
    [5, 2],
  );
  pdf.paragraph(`Reste dû pour la période : ${formatEuros(data.remaining)}`, { bold: true, indent: 8 });
  pdf.space(6);
  pdf.paragraph('Ce reçu ne vaut pas quittance : la période n\'est pas entièrement payée.', { bold: true });
  pdf.paragraph(`Une quittance sera remise gratuitement une fois le terme entièrement payé (${LAW}).`, { size: 9 });
}

/** A quittance says the period is paid in full; a reçu that it is not: the figures must agree. */
function assertConsistent({ kind, rent, charges, total, periodTotal, remaining }: ReceiptDocument): void {
  const problem =
    rent + charges !== total ? 'rent + charges must equal total'
    : kind === 'quittance' && (remaining !== 0 || total !== periodTotal) ? 'a quittance is for a period paid in full'
    : kind === 'recu' && remaining <= 0 ? 'a reçu is for a period not paid in full: issue a quittance'
    : kind === 'recu' && total + remaining > periodTotal ? 'a reçu cannot show more paid and owed than the period calls for'
    : rent < 0 || charges < 0 ? 'amounts received are not negative'
    : undefined;
  if (problem) throw new RangeError(`Receipt ${kind}: ${problem} (rent ${rent}, charges ${charges}, total ${total}, period ${periodTotal}, remaining ${remaining} cents)`);
}
