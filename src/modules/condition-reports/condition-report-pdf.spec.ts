import { type ConditionReportDocument, renderConditionReport } from './condition-report-pdf.js';
import type { ReportItem } from './condition-report.entity.js';
import { pdfText } from '../../../test/support/pdf.js';

const item = (fields: Partial<ReportItem> & Pick<ReportItem, 'key' | 'label' | 'item_kind'>): ReportItem => ({
  room_id: null, equipment_id: null, condition: null, notes: null, media_ids: [], repair_cost: null, installed_on: null, ...fields,
});

const entry: ConditionReportDocument = {
  kind: 'entry',
  performedOn: '2027-01-02',
  entryPerformedOn: null,
  landlord: { name: 'SCI Les Tilleuls', address: '12 bis rue des Lilas, 69003, Lyon' },
  tenants: ['Zoë Ørsted-Łukasiewicz', 'Jérôme Lefèvre'],
  property: { address: '12 bis rue des Lilas, 69003, Lyon', unit: 'Appartement 3B', city: 'Lyon' },
  rooms: [{ id: 'r1', designation: 'Chambre nord' }, { id: 'r2', designation: 'Cuisine' }],
  items: [
    item({ key: 'room:r1:walls', room_id: 'r1', label: 'Murs', item_kind: 'paint', condition: 'good', notes: 'Trou de cheville', media_ids: ['m1', 'm2'] }),
    item({ key: 'room:r2:floor', room_id: 'r2', label: 'Sol', item_kind: 'flooring_tiles', condition: 'fair' }),
    item({ key: 'equipment:e1', label: 'Chaudière', item_kind: 'appliance', condition: 'new' }),
    item({ key: 'equipment:e2', label: 'Interphone', item_kind: 'electrical' }),
  ],
  meters: [{ type: 'electricity', number: '09 123 456', reading: 12345.6, unit: 'kWh' }],
  keys: [{ label: 'Porte d\'entrée', count: 2 }],
  forwardingAddress: null,
  notes: 'Logement remis en bon état général.',
};

describe('renderConditionReport', () => {
  it('writes an entry report: parties, dwelling, date, meters, keys, rooms and their elements, the 10-day and heating mentions, signatures', async () => {
    const text = await pdfText(await renderConditionReport(entry));
    for (const expected of [
      'État des lieux d\'entrée',
      'Établi contradictoirement et amiablement par les parties (article 3-2 de la loi n° 89-462 du 6 juillet 1989 ; décret n° 2016-382 du 30 mars 2016)',
      'Réalisé le 2 janvier 2027',
      'Bailleur Nom : SCI Les Tilleuls',
      'Locataires Nom : Zoë Ørsted-Łukasiewicz Nom : Jérôme Lefèvre',
      'Lot : Appartement 3B',
      'Électricité 09 123 456 12345,6 kWh',
      'Clés et moyens d\'accès remis au locataire',
      'Porte d\'entrée 2',
      'Chambre nord',
      'Murs Peinture Bon état Trou de cheville — 2 photos jointes',
      'Cuisine',
      'Sol Carrelage État d\'usage',
      'Autres éléments et équipements',
      'Chaudière Appareil Neuf',
      'Interphone Électricité Non renseigné',
      'Logement remis en bon état général.',
      'compléter le présent état des lieux dans un délai de dix jours',
      'premier mois de la période de chauffe',
      'Le bailleur ou son mandataire : SCI Les Tilleuls',
      'Le locataire : Jérôme Lefèvre',
      'Fait à Lyon',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('Nouvelle adresse');
  });

  it('writes an exit report with the entry report\'s date, the new address, and the deposit rule instead of the 10 days', async () => {
    const text = await pdfText(await renderConditionReport({ ...entry, kind: 'exit', performedOn: '2030-06-30', entryPerformedOn: '2027-01-02', forwardingAddress: '4 place Bellecour, 69002 Lyon' }));
    for (const expected of [
      'État des lieux de sortie',
      'Réalisé le 30 juin 2030',
      'État des lieux d\'entrée : du 2 janvier 2027',
      'Nouvelle adresse : 4 place Bellecour, 69002 Lyon',
      'Clés et moyens d\'accès restitués par le locataire',
      'article 22 de la loi n° 89-462',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('dix jours');
  });

  it('says what is missing rather than leaving it blank', async () => {
    const text = await pdfText(await renderConditionReport({ ...entry, kind: 'exit', meters: [], keys: [], entryPerformedOn: null, notes: null }));
    for (const expected of ['Aucun relevé.', 'État des lieux d\'entrée : non communiqué', 'Nouvelle adresse : non communiquée']) expect(text).toContain(expected);
  });
});
