import { type Cents, formatEuros } from '../../../core/money/money.js';
import { frenchLongDate } from '../../documents/french-dates.js';
import { PdfWriter } from '../../documents/pdf-layout.js';
import { type RentDocumentParties, writeParties } from '../../rent/documents/rent-document-parties.js';

export interface DepositSettlementDocument extends RentDocumentParties {
  issuedOn: string;
  deposit: Cents;
  keysReturnedOn: string;
  exitMatchesEntry: boolean;
  dueDate: string;
  deductions: { label: string; reason: string; amount: Cents }[];
  deducted: Cents;
  arrears: Cents;
  heldBack: Cents;
  heldBackDueDate: string | null;
  monthlyRent: Cents;
  forwardingAddressOn: string | null;
  paidOn: string | null;
  monthsLate: number;
  penalty: Cents;
  returned: Cents;
}

const LAW = 'article 22 de la loi n° 89-462 du 6 juillet 1989';

/**
 * The deposit settlement (décompte de restitution du dépôt de garantie, art. 22 of loi n° 89-462):
 * the deposit, each deduction with its reason, arrears and the part held back, the legal deadline,
 * the late penalty when there is one, and what the lessee receives.
 */
export async function renderDepositSettlement(data: DepositSettlementDocument): Promise<Uint8Array> {
  const title = 'Décompte de restitution du dépôt de garantie';
  const pdf = await PdfWriter.create(title);
  pdf.title(title);
  pdf.paragraph(`Établi le ${frenchLongDate(data.issuedOn)}`, { center: true, size: 9, after: 6 });
  writeParties(pdf, data);

  pdf.heading('Délai de restitution');
  pdf.field('Dépôt de garantie versé', formatEuros(data.deposit));
  pdf.field('Remise des clés', frenchLongDate(data.keysReturnedOn));
  pdf.field('État des lieux de sortie', data.exitMatchesEntry ? 'conforme à l\'état des lieux d\'entrée (délai d\'un mois)' : 'différent de l\'état des lieux d\'entrée (délai de deux mois)');
  pdf.field('Date limite de restitution', frenchLongDate(data.dueDate));

  pdf.heading('Retenues');
  const rows = data.deductions.map((deduction) => [`${deduction.label} — ${deduction.reason}`, formatEuros(deduction.amount)]);
  if (data.arrears > 0) rows.push(['Loyers et charges restant dus, imputés sur le dépôt', formatEuros(data.arrears)]);
  if (data.heldBack > 0) rows.push(['Provision conservée dans l\'attente de l\'arrêté des comptes de l\'immeuble (20 % au plus)', formatEuros(data.heldBack)]);
  if (rows.length === 0) rows.push(['Aucune retenue', formatEuros(0)]);
  pdf.table(['Poste et motif', 'Montant'], rows, [5, 2]);

  if (data.penalty > 0) {
    pdf.heading('Majoration pour retard');
    pdf.paragraph(
      `Le dépôt n'ayant pas été restitué dans le délai légal, la somme due est majorée de 10 % du loyer mensuel hors charges (${formatEuros(data.monthlyRent)}) ` +
        `pour chaque mois de retard commencé : ${data.monthsLate} mois, soit ${formatEuros(data.penalty)} (${LAW}).` +
        (data.forwardingAddressOn && data.forwardingAddressOn > data.dueDate ? ` Le retard court à compter du ${frenchLongDate(data.forwardingAddressOn)}, date à laquelle le locataire a indiqué sa nouvelle adresse.` : ''),
    );
  }

  pdf.heading('Solde');
  const balance = [
    ['Dépôt de garantie', formatEuros(data.deposit)],
    ['Total des retenues', formatEuros(-(data.deducted + data.arrears + data.heldBack))],
  ];
  if (data.penalty > 0) balance.push(['Majoration pour retard', formatEuros(data.penalty)]);
  balance.push(['Montant restitué au locataire', formatEuros(data.returned)]);
  pdf.table(['', 'Montant'], balance, [5, 2]);
  if (data.paidOn) pdf.field('Restitué le', frenchLongDate(data.paidOn));
  if (data.heldBack > 0) {
    pdf.paragraph(
      `Le solde de ${formatEuros(data.heldBack)} sera régularisé et restitué dans le mois qui suit l'approbation définitive des comptes de l'immeuble` +
        (data.heldBackDueDate ? `, soit au plus tard le ${frenchLongDate(data.heldBackDueDate)}.` : '.'),
    );
  }
  pdf.space(6);
  pdf.paragraph(`Décompte établi en application de l'${LAW} ; les retenues sont justifiées par la comparaison des états des lieux d'entrée et de sortie, la vétusté déduite.`, { size: 9 });
  return pdf.save();
}
