import { type RentCallDocument, renderRentCall } from './rent-call-pdf.js';
import { readPdf } from '../../../../test/support/pdf.js';

const pdfText = async (bytes: Uint8Array) => {
  const { text, pages } = await readPdf(bytes);
  return { text, pages: pages.length };
};

const LONG_LABEL = 'Taxe d\'enlèvement des ordures ménagères – régularisation de l\'exercice 2026 selon le décompte du syndic de copropriété';

const march: RentCallDocument = {
  issuedOn: '2027-02-15',
  landlord: { name: 'SCI Les Tilleuls – Gérance Dubois', address: '12 bis rue des Lilas, 69003 Lyon', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  tenants: ['Zoë Ørsted-Łukasiewicz', 'Jérôme Lefèvre'],
  property: { address: 'Résidence Les Tilleuls, 12 bis rue des Lilas, Bâtiment B, 69003 Lyon', unit: 'Appartement 3B' },
  leaseReference: 'BAIL-2026-014',
  period: { start: '2027-03-01', end: '2027-03-31' },
  dueDate: '2027-03-05',
  lines: [
    { label: 'Loyer', kind: 'rent', amount: 85050 },
    { label: 'Provision pour charges', kind: 'provision', amount: 6000 },
    { label: LONG_LABEL, kind: 'charge', amount: 3475 },
  ],
  rent: 85050,
  charges: 9475,
  total: 94525,
  balanceBefore: 12000,
  paymentReference: 'LOYER-3B-2027-03',
};

describe('renderRentCall', () => {
  it('states in French who owes what for which period, how to pay, and that it is no receipt', async () => {
    const { text, pages } = await pdfText(await renderRentCall(march));
    expect(pages).toBe(1);
    for (const expected of [
      'Avis d\'échéance',
      'Période du 1er mars 2027 au 31 mars 2027',
      'Émis le 15 février 2027 — bail n° BAIL-2026-014',
      'SCI Les Tilleuls – Gérance Dubois',
      '12 bis rue des Lilas, 69003 Lyon',
      'Locataires',
      'Zoë Ørsted-Łukasiewicz',
      'Jérôme Lefèvre',
      'Résidence Les Tilleuls, 12 bis rue des Lilas, Bâtiment B, 69003 Lyon',
      'Lot : Appartement 3B',
      'Date d\'exigibilité : 5 mars 2027',
      'Loyer Loyer 850,50 €',
      'Provision pour charges Provision pour charges 60,00 €',
      'Charge 34,75 €',
      'Loyer hors charges : 850,50 €',
      'Charges (provisions et charges) : 94,75 €',
      'Total du terme : 945,25 €',
      'Solde antérieur restant dû : 120,00 €',
      'Total à payer : 1 065,25 €',
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
      'BIC : AGRIFRPP',
      'Référence à indiquer avec votre paiement : LOYER-3B-2027-03',
      'Cet avis ne vaut pas quittance.',
    ]) expect(text).toContain(expected);
    // The long label wraps inside its cell: every word of it is there, in order.
    expect(text).toMatch(new RegExp(LONG_LABEL.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')));
    expect(text).not.toContain('rien à payer');
    expect(text).not.toContain('Crédit');
  });

  it('lowers the amount to pay by a credit, and says there is nothing to pay when the credit covers the term', async () => {
    const smallCredit = (await pdfText(await renderRentCall({ ...march, balanceBefore: -10000 }))).text;
    expect(smallCredit).toContain('Crédit en votre faveur : 100,00 €');
    expect(smallCredit).toContain('Total à payer : 845,25 €');
    expect(smallCredit).not.toContain('rien à payer');

    const largeCredit = (await pdfText(await renderRentCall({ ...march, balanceBefore: -100000 }))).text;
    expect(largeCredit).toContain('Crédit en votre faveur : 1 000,00 €');
    expect(largeCredit).toContain('Total à payer : 0,00 € — votre crédit couvre ce terme, rien à payer.');
    expect(largeCredit).toContain('Crédit restant après ce terme : 54,75 €');
    expect(largeCredit).not.toContain('Solde antérieur restant dû');
  });

  it('says there is nothing to pay when a credit covers the term exactly', async () => {
    const { text } = await pdfText(await renderRentCall({ ...march, balanceBefore: -94525 }));
    expect(text).toContain('rien à payer');
    expect(text).not.toContain('Crédit restant');
  });

  it('asks for the bank details when the landlord has given none', async () => {
    const { text } = await pdfText(await renderRentCall({ ...march, landlord: { ...march.landlord, iban: null, bic: null }, balanceBefore: 0, leaseReference: null }));
    expect(text).not.toContain('IBAN');
    expect(text).toContain('coordonnées bancaires du bailleur vous sont communiquées sur demande');
    expect(text).toContain('Total à payer : 945,25 €');
    expect(text).not.toContain('Solde antérieur');
    expect(text).not.toContain('bail n°');
  });

  it('refuses figures that do not add up, and a call addressed to nobody', async () => {
    await expect(renderRentCall({ ...march, total: 94526 })).rejects.toThrow(RangeError);
    await expect(renderRentCall({ ...march, rent: 85000, total: 94475 })).rejects.toThrow(RangeError);
    await expect(renderRentCall({ ...march, charges: 6000, total: 91050 })).rejects.toThrow(RangeError);
    await expect(renderRentCall({ ...march, tenants: [] })).rejects.toThrow(RangeError);
    await expect(renderRentCall({ ...march, dueDate: '2027-02-30' })).rejects.toThrow(RangeError);
  });
});
