import { type Cents, formatEuros } from '../../../core/money/money.js';
import { frenchLongDate, frenchPeriod } from '../../documents/french-dates.js';
import { PdfWriter } from '../../documents/pdf-layout.js';
import { writeParties } from './rent-document-parties.js';

export interface RentCallDocument {
  issuedOn: string; // YYYY-MM-DD
  landlord: { name: string; address: string | null; iban: string | null; bic: string | null };
  tenants: string[]; // names of the lessees (tenants) of the lease
  property: { address: string; unit: string }; // place address, unit (estate) name
  leaseReference: string | null;
  period: { start: string; end: string }; // YYYY-MM-DD, inclusive
  dueDate: string;
  lines: { label: string; kind: 'rent' | 'provision' | 'charge'; amount: Cents }[];
  rent: Cents; // rent part of the total
  charges: Cents; // provision + charge rows
  total: Cents;
  balanceBefore: Cents; // >0: amount still owed from earlier periods; <0: a credit on the lease
  paymentReference: string; // what the tenant should write on the transfer
}

const KINDS: Record<RentCallDocument['lines'][number]['kind'], string> = { rent: 'Loyer', provision: 'Provision pour charges', charge: 'Charge' };

/** 'FR7630006000011234567890189' → 'FR76 3000 6000 0112 3456 7890 189', as IBANs are printed. */
const groupedIban = (iban: string) => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** The avis d'échéance: what the tenant owes for a period, before paying it. Not a receipt. */
export async function renderRentCall(data: RentCallDocument): Promise<Uint8Array> {
  assertAddsUp(data);
  const pdf = await PdfWriter.create(`Avis d'échéance — ${data.property.unit} — ${frenchPeriod(data.period)}`);
  pdf.title('Avis d\'échéance');
  pdf.paragraph(`Période ${frenchPeriod(data.period)}`, { center: true, bold: true });
  pdf.paragraph(`Émis le ${frenchLongDate(data.issuedOn)}${data.leaseReference ? ` — bail n° ${data.leaseReference}` : ''}`, { center: true, size: 9, after: 6 });
  writeParties(pdf, data);

  pdf.heading('Montant du terme');
  pdf.field('Date d\'exigibilité', frenchLongDate(data.dueDate));
  pdf.table(['Libellé', 'Nature', 'Montant'], data.lines.map((line) => [line.label, KINDS[line.kind], formatEuros(line.amount)]), [5, 2.4, 1.6]);
  pdf.field('Loyer hors charges', formatEuros(data.rent));
  pdf.field('Charges (provisions et charges)', formatEuros(data.charges));
  pdf.paragraph(`Total du terme : ${formatEuros(data.total)}`, { bold: true, indent: 8 });
  writeAmountDue(pdf, data);

  pdf.heading('Règlement');
  if (data.landlord.iban) {
    pdf.field('Par virement au bénéficiaire', data.landlord.name);
    pdf.field('IBAN', groupedIban(data.landlord.iban));
    if (data.landlord.bic) pdf.field('BIC', data.landlord.bic);
  } else {
    pdf.paragraph('Les coordonnées bancaires du bailleur vous sont communiquées sur demande.', { indent: 8 });
  }
  pdf.field('Référence à indiquer avec votre paiement', data.paymentReference);

  pdf.space(10);
  pdf.paragraph('Cet avis ne vaut pas quittance.', { bold: true });
  pdf.paragraph('Une fois le terme entièrement payé, une quittance est remise gratuitement au locataire qui en fait la demande (article 21 de la loi n° 89-462 du 6 juillet 1989).', { size: 9 });
  return pdf.save();
}

/** The earlier balance, then what is to be paid now: a credit lowers it, never below nothing. */
function writeAmountDue(pdf: PdfWriter, { total, balanceBefore }: RentCallDocument): void {
  if (balanceBefore > 0) pdf.field('Solde antérieur restant dû', formatEuros(balanceBefore));
  if (balanceBefore < 0) pdf.field('Crédit en votre faveur', formatEuros(-balanceBefore));
  const due = total + balanceBefore;
  if (due > 0) {
    pdf.paragraph(`Total à payer : ${formatEuros(due)}`, { bold: true, size: 12, indent: 8 });
    return;
  }
  const why = balanceBefore < 0 ? 'votre crédit couvre ce terme, ' : '';
  pdf.paragraph(`Total à payer : ${formatEuros(0)} — ${why}rien à payer.`, { bold: true, size: 12, indent: 8 });
  if (due < 0) pdf.field('Crédit restant après ce terme', formatEuros(-due));
}

/** The figures the tenant checks against each other must agree, or the document is not issued. */
function assertAddsUp({ lines, rent, charges, total }: RentCallDocument): void {
  const sum = (kinds: string[]) => lines.filter((line) => kinds.includes(line.kind)).reduce((cents, line) => cents + line.amount, 0);
  if (sum(['rent']) !== rent || sum(['provision', 'charge']) !== charges || rent + charges !== total) {
    throw new RangeError(`Rent call lines do not add up: rent ${rent}, charges ${charges}, total ${total} (cents)`);
  }
}
