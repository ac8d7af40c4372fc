import { type AmendmentChange, type AmendmentDocument, changeText, renderAmendment } from './amendment-pdf.js';
import { readPdf } from '../../../../test/support/pdf.js';

const pdfPages = async (bytes: Uint8Array) => (await readPdf(bytes)).pages.map((page) => page.replace(/\s+/g, ' '));

const base: AmendmentDocument = {
  issuedOn: '2027-08-20',
  landlord: { name: 'SCI Les Tilleuls', address: '12 bis rue des Lilas, 69003 Lyon' },
  tenants: ['Zoë Ørsted', 'Jérôme Lefèvre'],
  property: { address: '12 bis rue des Lilas, 69003 Lyon', unit: 'Appartement 3B' },
  lease: { reference: 'BAIL-2027-014', startDate: '2027-01-01' },
  effectiveDate: '2027-09-01',
  change: { type: 'rent_change', frequency: 'monthly', rent: 82000, provision: 5000, previousRent: 80000, previousProvision: 5000 },
  description: null,
};

describe('renderAmendment', () => {
  it('names the parties, the lease amended (reference and date), the change, and that the rest stands', async () => {
    const text = (await pdfPages(await renderAmendment(base))).join(' ');
    for (const expected of [
      'Avenant au contrat de location',
      'Contrat de location ayant pris effet le 1er janvier 2027, référence BAIL-2027-014',
      'SCI Les Tilleuls', 'Zoë Ørsted', 'Jérôme Lefèvre', 'Appartement 3B',
      'À compter du 1er septembre 2027, le loyer hors charges passe de 800,00 € à 820,00 € par mois.',
      'La provision pour charges reste fixée à 50,00 € par mois.',
      'Toutes les autres clauses et conditions du bail demeurent inchangées',
      'Le bailleur : SCI Les Tilleuls', 'Le locataire : Zoë Ørsted', 'Le locataire : Jérôme Lefèvre', 'Lu et approuvé',
    ]) expect(text).toContain(expected);
  });

  it('keeps the signature blocks together on one page, wherever the text before them ends', async () => {
    // Lengths of text that end at various heights of a page: one of them leaves too little room.
    for (let repeats = 60; repeats <= 420; repeats += 40) {
      const pages = await pdfPages(await renderAmendment({ ...base, tenants: ['A', 'B', 'C'], description: 'Précision. '.repeat(repeats) }));
      const withSignatures = pages.filter((page) => page.includes('Lu et approuvé'));
      expect({ repeats, pages: withSignatures.length }).toEqual({ repeats, pages: 1 });
      for (const label of ['Le bailleur : SCI Les Tilleuls', 'Le locataire : A', 'Le locataire : C']) expect(withSignatures[0]).toContain(label);
    }
  });

  it('lets a co-tenant who joins sign too', async () => {
    const text = (await pdfPages(await renderAmendment({ ...base, change: { type: 'co_tenant_added', name: 'Chloé Martin', role: 'tenant' } }))).join(' ');
    expect(text).toContain('Le nouveau colocataire : Chloé Martin');
  });

  it('refuses to write an amendment for nobody', async () => {
    await expect(renderAmendment({ ...base, tenants: [] })).rejects.toThrow(RangeError);
  });
});

describe('changeText', () => {
  const text = (change: AmendmentChange, description: string | null = null) => changeText(change, '2027-09-01', description).join(' ');

  it.each([
    [{ type: 'duration_change', endDate: '2030-08-31', previousEndDate: '2029-12-31' }, 'le bail, dont le terme était fixé au 31 décembre 2029, prendra fin le 31 août 2030.'],
    [{ type: 'duration_change', endDate: '2030-08-31', previousEndDate: null }, 'La durée du bail est modifiée : le bail prendra fin le 31 août 2030.'],
    [{ type: 'renewal', endDate: '2030-08-31', previousEndDate: '2027-08-31' }, 'Le bail est renouvelé à compter du 1er septembre 2027, à l\'expiration du terme fixé au 31 août 2027. Le nouveau terme est fixé au 31 août 2030.'],
    [{ type: 'rent_change', frequency: 'quarterly', rent: 240000, provision: 18000, previousRent: 235050, previousProvision: 15000 }, 'le loyer hors charges passe de 2 350,50 € à 2 400,00 € par trimestre. La provision pour charges passe de 150,00 € à 180,00 € par trimestre.'],
    [{ type: 'co_tenant_added', name: 'Chloé Martin', role: 'guarantor' }, 'Chloé Martin se porte caution des obligations du locataire ; l\'acte de cautionnement est établi séparément (article 22-1 de la loi n° 89-462 du 6 juillet 1989).'],
    [{ type: 'co_tenant_removed', name: 'Zoë Ørsted', noticeDate: '2027-06-01' }, 'congé qu\'il ou elle a délivré le 1er juin 2027, Zoë Ørsted cesse d\'être partie au bail. Conformément à l\'article 8-1 VI'],
  ] as [AmendmentChange, string][])('says %o in plain French', (change, expected) => {
    expect(text(change)).toContain(expected);
  });

  it('writes the description as the change for other, as a precision otherwise', () => {
    expect(text({ type: 'other' }, 'Le jardin est désormais à l\'usage exclusif du locataire.')).toBe('À compter du 1er septembre 2027, les parties conviennent de ce qui suit : Le jardin est désormais à l\'usage exclusif du locataire.');
    expect(text({ type: 'duration_change', endDate: '2030-08-31', previousEndDate: null }, 'À la demande du locataire.')).toContain('Précisions : À la demande du locataire.');
  });
});
