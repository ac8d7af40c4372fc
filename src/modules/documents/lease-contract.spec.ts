import { Estate } from '../estates/estate.entity.js';
import { LeaseCharge } from '../leases/charges/lease-charge.entity.js';
import { Lease } from '../leases/lease.entity.js';
import { Lessee } from '../lessees/lessee.entity.js';
import { Owner } from '../owners/owner.entity.js';
import { Place } from '../places/place.entity.js';
import { type LeaseContractData, renderLeaseContract } from './lease-contract.js';
import { readPdf } from '../../../test/support/pdf.js';

const pageTexts = async (bytes: Uint8Array) => (await readPdf(bytes)).pages.map((page) => page.replace(/\s+/g, ' '));
const contractText = async (data: LeaseContractData) => (await pageTexts(await renderLeaseContract(data))).join(' ');

const person = (first_name: string, last_name: string, category: Lessee['category'] = 'individual') =>
  Object.assign(new Lessee(), { category, title: null, first_name, last_name, legal_name: null, birth_date: null });

const charge = (label: string, amount: number) =>
  Object.assign(new LeaseCharge(), { label, category: 'other', amount, frequency: 'monthly', recoverable: true });

/** An unfurnished flat in Lyon under rent control, class G, two tenants and a guarantor. */
function lyonFlat(overrides: { lease?: Partial<Lease>; estate?: Partial<Estate>; place?: Partial<Place>; charges?: LeaseCharge[] } = {}): LeaseContractData {
  return {
    owner: Object.assign(new Owner(), {
      owner_category: 'sci', legal_name: 'SCI Les Tilleuls', registration_number: '812 345 678 R.C.S. Lyon', street_name: '4 place Bellecour', postal_code: '69002', city: 'Lyon', email: null,
    }),
    place: Object.assign(new Place(), {
      name: 'Résidence Les Tilleuls', place_category: 'collective', legal_regime: 'copropriete', street_number: '12 bis', street_name: 'rue des Lilas', address_complement: 'Bâtiment B',
      postal_code: '69003', city: 'Lyon', country: 'FR', rent_control: true, reference_rent_per_m2: 22.4, increased_reference_rent_per_m2: 26.88, ...overrides.place,
    }),
    estate: Object.assign(new Estate(), {
      name: 'Appartement 3B', estate_type: 'apartment', area: 54.3, number_of_room: 3, floor: 2, lot_number: '0042', energy_label: 'G', ...overrides.estate,
    }),
    lease: Object.assign(new Lease(), {
      lease_type: 'unfurnished', start_date: '2026-01-01', end_date: null, rent_amount: 850.5, charges_amount: 60, deposit_amount: 850.5, payment_day: 5, rent_frequency: 'monthly',
      charge_settlement_mode: 'provision', reference_number: 'BAIL-2026-014', irl_reference_quarter: 'T2-2026', revision_date: null, rent_supplement: 120, ...overrides.lease,
    }),
    parties: [
      { role: 'tenant', lessee: person('Zoë', 'Ørsted-Łukasiewicz') },
      { role: 'tenant', lessee: person('Jean', 'Dupont') },
      { role: 'guarantor', lessee: person('Marie', 'Garante', 'guarantor') },
    ],
    charges: overrides.charges ?? [charge('Eau froide – relevé du compteur divisionnaire', 25.5)],
  };
}

const LOI_89_CLAUSES = [
  'Révision du loyer', 'IRL', 'Encadrement des loyers', 'Performance énergétique', 'Climat et résilience', 'Clause de solidarité', 'Engagement de la caution', 'Congé', 'Annexes',
];

describe('renderLeaseContract', () => {
  it('gives an unfurnished lease under rent control, class G, with two tenants and a guarantor, the contrat type clauses', async () => {
    const text = await contractText(lyonFlat());
    for (const expected of [
      'Contrat de location — logement vide',
      'Prise d\'effet : 1er janvier 2026',
      'Loyer hors charges : 850,50 € par mois',
      // Revision
      'Révision du loyer',
      'Le loyer est révisé chaque année à la date anniversaire de la prise d\'effet du contrat (le 1er janvier), selon la variation de l\'indice de référence des loyers (IRL) publié par l\'INSEE (article 17-1 de la loi n° 89-462 du 6 juillet 1989).',
      'Trimestre de référence de l\'IRL : 2e trimestre 2026 (T2-2026)',
      'le loyer ne peut pas être révisé tant que sa classe reste F ou G',
      // Rent control
      'Encadrement des loyers',
      'article 140 de la loi n° 2018-1021 du 23 novembre 2018 dite « ELAN »',
      'Loyer de référence : 22,40 € par m² et par mois, soit 1 216,32 € par mois pour 54,3 m²',
      'Loyer de référence majoré : 26,88 € par m² et par mois, soit 1 459,58 € par mois pour 54,3 m²',
      'Complément de loyer : 120,00 € par mois',
      'caractéristiques de localisation ou de confort déterminantes',
      // Energy
      'Classe énergétique du logement (DPE) : G',
      'Le logement étant classé G, son loyer ne peut faire l\'objet d\'aucune révision, majoration ou réévaluation',
      'article 159 de la loi n° 2021-1104 du 22 août 2021 dite « Climat et résilience »',
      'À compter du 1er janvier 2025, un logement de classe G n\'atteint pas le niveau de performance énergétique minimal d\'un logement décent',
      // Guarantees
      'Dépôt de garantie : 850,50 €',
      'Il ne peut excéder un mois de loyer hors charges.',
      'délai maximal d\'un mois à compter de la remise des clés lorsque l\'état des lieux de sortie est conforme à l\'état des lieux d\'entrée, et de deux mois dans le cas contraire',
      'Caution : Marie Garante',
      // Solidarity and the guarantor's commitment
      'Solidarité et cautionnement',
      'Clause de solidarité',
      'Les locataires sont tenus solidairement et indivisiblement',
      'Engagement de la caution',
      'Marie Garante se porte caution des obligations du ou des locataires',
      // Termination
      'Congé',
      'avec un préavis de trois mois, réduit à un mois lorsque le logement est situé dans une zone tendue (c\'est le cas',
      'avec un préavis de six mois',
      '(article 15 de la loi n° 89-462 du 6 juillet 1989)',
      // Annexes
      'Annexes',
      'diagnostic de performance énergétique (DPE)',
      'constat de risque d\'exposition au plomb (CREP)',
      'état des risques',
      'Notice d\'information relative aux droits et obligations des locataires et des bailleurs',
      'État des lieux d\'entrée',
      'Extraits du règlement de copropriété',
      'Acte de cautionnement',
      'autorisation préalable de mise en location',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('Inventaire et état détaillé du mobilier');
    // Numbered without gaps, in order.
    expect(text).toMatch(/I\. Désignation.*II\. Objet.*III\. Date.*IV\. Conditions.*V\. Charges.*VI\. Révision.*VII\. Encadrement.*VIII\. Performance.*IX\. Garanties.*X\. Solidarité.*XI\. Congé.*XII\. Annexes.*XIII\. Signatures/);
  });

  it('says what is not known: no IRL quarter, no DPE class, no reference rents; no rent-control section without rent control', async () => {
    const unknown = await contractText(lyonFlat({ lease: { irl_reference_quarter: null, rent_supplement: null, revision_date: '2027-04-01' }, estate: { energy_label: null, area: null }, place: { reference_rent_per_m2: null, increased_reference_rent_per_m2: null } }));
    expect(unknown).toContain('Trimestre de référence de l\'IRL : non précisé');
    expect(unknown).toContain('Le loyer est révisé le 1er avril 2027, puis chaque année à cette date');
    expect(unknown).toContain('Classe énergétique du logement (DPE) : non renseignée');
    expect(unknown).toContain('Loyer de référence : non renseigné');
    expect(unknown).toContain('Complément de loyer : néant');
    expect(unknown).not.toContain('Climat et résilience');

    const free = await contractText(lyonFlat({ place: { rent_control: false }, estate: { energy_label: 'C' } }));
    expect(free).not.toContain('Encadrement des loyers');
    expect(free).not.toContain('zone tendue (c\'est le cas');
    expect(free).not.toContain('Climat et résilience');
    expect(free).toContain('Classe énergétique du logement (DPE) : C');
  });

  it('gives a furnished lease its own notice periods, deposit cap and furniture inventory, and a single tenant no solidarity clause', async () => {
    const data = lyonFlat({ lease: { lease_type: 'furnished', deposit_amount: 1701 }, estate: { energy_label: 'F' } });
    data.parties = [data.parties[0]];
    const text = await contractText(data);
    for (const expected of [
      'Contrat de location — logement meublé',
      'Le locataire peut donner congé à tout moment, avec un préavis d\'un mois (article 25-8',
      'avec un préavis de trois mois, s\'il reprend le logement',
      'Il ne peut excéder deux mois de loyer hors charges.',
      'articles 22 et 25-6',
      'Inventaire et état détaillé du mobilier',
      'Le logement étant classé F',
      'À compter du 1er janvier 2028, un logement de classe F',
      'Caution : aucune',
    ]) expect(text).toContain(expected);
    for (const absent of ['Clause de solidarité', 'Engagement de la caution', 'Acte de cautionnement']) expect(text).not.toContain(absent);
  });

  it('ends a student lease at its term without the landlord\'s notice', async () => {
    const text = await contractText(lyonFlat({ lease: { lease_type: 'student', end_date: '2026-09-30' } }));
    expect(text).toContain('Le bail étudiant de neuf mois n\'est pas reconduit tacitement');
    expect(text).not.toContain('préavis de six mois');
  });

  it.each(['commercial', 'parking'] as const)('keeps a %s lease free of the loi n° 89-462 clauses', async (lease_type) => {
    const text = await contractText(lyonFlat({ lease: { lease_type } }));
    for (const clause of LOI_89_CLAUSES) expect(text).not.toContain(clause);
    expect(text).toContain('Dépôt de garantie : 850,50 €');
    expect(text).toMatch(/V\. Charges.*VI\. Signatures/);
  });

  it('keeps each signatory\'s whole block on one page, wherever the signatures fall', async () => {
    const signatories = ['Le bailleur : SCI Les Tilleuls', 'Le locataire : Zoë Ørsted-Łukasiewicz', 'Le locataire : Jean Dupont', 'Le garant : Marie Garante'];
    let spreadOverPages = 0;
    // Each charge row moves the signatures down by a row: ten rows cover more than a block's height.
    for (let rows = 0; rows < 10; rows++) {
      const charges = Array.from({ length: rows }, (_, index) => charge(`Charge n° ${index + 1} – entretien des parties communes`, 10));
      const pages = await pageTexts(await renderLeaseContract(lyonFlat({ charges })));
      const pageOf = signatories.map((label) => pages.findIndex((text) => text.includes(label)));
      expect(pageOf).not.toContain(-1);
      signatories.forEach((label, index) => {
        const rest = pages[pageOf[index]].slice(pages[pageOf[index]].indexOf(label));
        expect(rest).toMatch(/^Le .*? Précédé de la mention manuscrite « Lu et approuvé » Fait à Lyon, le _+ Signature/);
      });
      expect(pages[pageOf[0]]).toContain('Signatures'); // the heading did not stay behind
      if (new Set(pageOf).size > 1) spreadOverPages++;
    }
    // The layouts above do put page breaks among the signatures.
    expect(spreadOverPages).toBeGreaterThan(0);
  });
});
