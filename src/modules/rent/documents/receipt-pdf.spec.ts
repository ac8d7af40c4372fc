import { type ReceiptDocument, renderReceipt } from './receipt-pdf.js';
import { pdfText } from '../../../../test/support/pdf.js';

const parties = {
  landlord: { name: 'SCI Les Tilleuls – Gérance Dubois', address: '12 bis rue des Lilas, 69003 Lyon' },
  tenants: ['Zoë Ørsted-Łukasiewicz', 'Jérôme Lefèvre'],
  property: { address: 'Résidence Les Tilleuls, 12 bis rue des Lilas, Bâtiment B, 69003 Lyon', unit: 'Appartement 3B' },
  period: { start: '2027-03-01', end: '2027-03-31' },
};

const quittance: ReceiptDocument = {
  ...parties,
  kind: 'quittance',
  number: 'Q-2027-000123',
  issuedOn: '2027-03-12',
  rent: 85050,
  charges: 9475,
  total: 94525,
  periodTotal: 94525,
  paidOn: '2027-03-10',
  remaining: 0,
};

const recu: ReceiptDocument = {
  ...parties,
  kind: 'recu',
  number: 'R-2027-000045',
  issuedOn: '2027-03-06',
  rent: 30000,
  charges: 10000,
  total: 40000,
  periodTotal: 94525,
  paidOn: '2027-03-05',
  remaining: 34525, // an earlier payment of 200 € was received for the same period
};

describe('renderReceipt', () => {
  it('writes a quittance that separates rent and charges, for the whole period, free of charge', async () => {
    const text = await pdfText(await renderReceipt(quittance));
    for (const expected of [
      'Quittance de loyer',
      'N° Q-2027-000123 — émise le 12 mars 2027',
      'Période du 1er mars 2027 au 31 mars 2027',
      'SCI Les Tilleuls – Gérance Dubois',
      'Zoë Ørsted-Łukasiewicz',
      'Jérôme Lefèvre',
      'Résidence Les Tilleuls, 12 bis rue des Lilas, Bâtiment B, 69003 Lyon',
      'Lot : Appartement 3B',
      'Je soussigné(e) SCI Les Tilleuls – Gérance Dubois, bailleur',
      'déclare avoir reçu de Zoë Ørsted-Łukasiewicz et Jérôme Lefèvre la somme de 945,25 €, soit 850,50 € de loyer et 94,75 € de provisions pour charges / charges',
      'pour la période du 1er mars 2027 au 31 mars 2027, et leur en donne quittance, sous réserve de tous mes droits.',
      'Loyer 850,50 €',
      'Provisions pour charges / charges 94,75 €',
      'Total 945,25 €',
      'Date du paiement : 10 mars 2027',
      'Quittance délivrée gratuitement (article 21 de la loi n° 89-462 du 6 juillet 1989).',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('ne vaut pas quittance');
    expect(text).not.toContain('Reste dû');
  });

  it('addresses a single tenant in the singular', async () => {
    const text = await pdfText(await renderReceipt({ ...quittance, tenants: ['Jérôme Lefèvre'] }));
    expect(text).toContain('reçu de Jérôme Lefèvre la somme');
    expect(text).toContain('et lui en donne quittance');
    expect(text).toContain('Locataire Nom : Jérôme Lefèvre');
  });

  it('writes a reçu for a partial payment: the amount received, what remains due, and that it is not a quittance', async () => {
    const text = await pdfText(await renderReceipt(recu));
    for (const expected of [
      'Reçu de paiement partiel',
      'N° R-2027-000045 — émis le 6 mars 2027',
      'Période du 1er mars 2027 au 31 mars 2027',
      'la somme de 400,00 € le 5 mars 2027, en paiement partiel du terme de la période du 1er mars 2027 au 31 mars 2027',
      'Ce paiement, imputé sur le loyer 300,00 €',
      'Ce paiement, imputé sur les provisions pour charges / charges 100,00 €',
      'Montant total du terme 945,25 €',
      'Total réglé à ce jour pour la période 600,00 €',
      'Reste dû pour la période : 345,25 €',
      'Ce reçu ne vaut pas quittance : la période n\'est pas entièrement payée.',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('Quittance de loyer');
    expect(text).not.toContain('en donne quittance');
  });

  it('refuses a quittance for a period not paid in full, a reçu for one that is, and figures that do not add up', async () => {
    await expect(renderReceipt({ ...quittance, remaining: 100, total: 94425, charges: 9375 })).rejects.toThrow('paid in full');
    await expect(renderReceipt({ ...quittance, periodTotal: 100000 })).rejects.toThrow('paid in full');
    await expect(renderReceipt({ ...recu, remaining: 0 })).rejects.toThrow('issue a quittance');
    await expect(renderReceipt({ ...recu, total: 40001 })).rejects.toThrow('rent + charges');
    await expect(renderReceipt({ ...recu, remaining: 60000 })).rejects.toThrow('more paid and owed');
  });
});
