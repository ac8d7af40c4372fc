import { createHash } from 'node:crypto';
import { createTenant, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { binary, pdfText } from './support/pdf.js';

describe('Lease PDFs', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let leaseId: string;

  const post = async (path: string, body: object = {}, status = 201) => (await t.http.post(path).set(tenant.auth).send(body).expect(status)).body;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Documents suite');
    const owner = (await post('/api/owners', { owner_category: 'sci', legal_name: 'SCI Les Tilleuls', street_name: '4 place Bellecour', postal_code: '69002', city: 'Lyon' })).id;
    const place = (await post('/api/places', { name: 'Résidence Les Tilleuls', owner_id: owner, place_category: 'collective', legal_regime: 'copropriete', street_number: '12 bis', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon' })).id;
    const estate = (await post(`/api/places/${place}/estates`, { name: 'Appartement 3B', estate_type: 'apartment', area: 54.3, number_of_room: 3, floor: 2 })).id;
    leaseId = (await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 850.5, charges_amount: 60, deposit_amount: 850.5, payment_day: 5, charge_settlement_mode: 'provision' })).id;
    for (const [role, body] of [
      ['tenant', { category: 'individual', first_name: 'Zoë', last_name: 'Ørsted-Łukasiewicz' }],
      ['tenant', { category: 'individual', first_name: 'Jean', last_name: 'Dupont' }],
      ['guarantor', { category: 'guarantor', first_name: 'Marie', last_name: 'Garante' }],
    ] as const) {
      await post(`/api/leases/${leaseId}/lessees`, { lessee_id: (await post('/api/lessees', body)).id, role });
    }
    await post(`/api/leases/${leaseId}/charges`, { label: 'Eau froide', category: 'water', amount: 25.5, frequency: 'monthly' });
  });
  afterAll(() => t.close());

  it('renders a readable French contract with the parties, address, rent and charges, and stores it with its hash', async () => {
    const document = await post(`/api/leases/${leaseId}/pdf`);
    expect(document).toMatchObject({ lease_id: leaseId, kind: 'lease_pdf', version: 1, media_type: 'application/pdf', locked: false });
    expect(document).not.toHaveProperty('storage_key');

    const download = await t.http.get(`/api/documents/${document.id}/download`).set(tenant.auth).buffer(true).parse(binary).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename=bail-v1.pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const bytes = download.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(document.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.sha256);

    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    for (const expected of [
      'Contrat de location — logement vide',
      'SCI Les Tilleuls',
      'Zoë Ørsted-Łukasiewicz',
      'Jean Dupont',
      'Marie Garante',
      '12 bis rue des Lilas',
      '69003 Lyon',
      '54,3 m²',
      '1er janvier 2026',
      '850,50 € par mois',
      '60,00 €',
      'Eau froide',
      'le 5 de chaque mois',
      'Dépôt de garantie : 850,50 €',
      'Le bailleur',
    ]) expect(text).toContain(expected);
  });

  it('makes a new version on each generation and lists them newest first', async () => {
    const second = await post(`/api/leases/${leaseId}/pdf`);
    const third = await post(`/api/leases/${leaseId}/pdf`);
    expect([second.version, third.version]).toEqual([second.version, second.version + 1]);
    const list = (await t.http.get(`/api/leases/${leaseId}/documents`).set(tenant.auth).expect(200)).body;
    expect(list.data.map((d: { version: number }) => d.version).slice(0, 2)).toEqual([third.version, second.version]);
    const created = await t.http.post(`/api/leases/${leaseId}/pdf`).set(tenant.auth).expect(201);
    expect(created.headers.location).toBe(`/api/documents/${created.body.id}`);
    expect((await t.http.get(`/api/documents/${created.body.id}`).set(tenant.auth).expect(200)).body).toEqual(created.body);
  });

  it('numbers versions without gaps or duplicates under concurrency', async () => {
    const before = (await t.http.get(`/api/leases/${leaseId}/documents`).set(tenant.auth).expect(200)).body.meta.pagination.total;
    const results = await Promise.all(Array.from({ length: 5 }, () => t.http.post(`/api/leases/${leaseId}/pdf`).set(tenant.auth)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const versions = results.map((r) => r.body.version).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 5 }, (_, i) => before + 1 + i));
  });

  it('answers 404 for an unknown lease or document', async () => {
    await t.http.post(`/api/leases/${randomUuid()}/pdf`).set(tenant.auth).expect(404);
    await t.http.get(`/api/documents/${randomUuid()}`).set(tenant.auth).expect(404);
    await t.http.get(`/api/documents/${randomUuid()}/download`).set(tenant.auth).expect(404);
  });
});
