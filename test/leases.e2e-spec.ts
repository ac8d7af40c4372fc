import { LEASE_STATUSES, LEASE_TRANSITIONS, type LeaseStatus, WORKFLOW_STATUSES, allowedNextStatuses } from '../src/modules/leases/lease-status.js';
import { createTenant, ownerRoleClient, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

describe('Leases, parties and charges', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let placeId: string;

  const req = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) => {
    const r = t.http[method](path).set(tenant.auth);
    return body ? r.send(body) : r;
  };
  const post = async (path: string, body: object, status = 201) => (await req('post', path, body).expect(status)).body;
  const get = async (path: string, status = 200) => (await req('get', path).expect(status)).body;
  const put = async (path: string, body: object, status = 200) => (await req('put', path, body).expect(status)).body;
  const del = async (path: string, status = 204) => (await req('delete', path).expect(status)).body;

  const newEstate = async () => (await post(`/api/places/${placeId}/estates`, { name: 'Lot', estate_type: 'apartment', area: 40 })).id as string;
  const newLessee = async (name = 'Martin') => (await post('/api/lessees', { category: 'individual', last_name: name })).id as string;
  const leaseBody = (estateId: string, overrides: object = {}) => ({ estate_id: estateId, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 800, ...overrides });
  /** Ends a lease through the termination workflow's force route (TERMINATED is reached no other way). */
  const terminate = (id: string) => req('post', `/api/leases/${id}/termination/force`, { reason: 'Fin du bail (test)' });
  /** A lease with one tenant party, brought to `status` (PENDING_SIGNATURE only exists through signatures: set in SQL). */
  const leaseIn = async (status: LeaseStatus, estateId?: string) => {
    const lease = await post('/api/leases', leaseBody(estateId ?? (await newEstate())));
    await post(`/api/leases/${lease.id}/lessees`, { lessee_id: await newLessee(), role: 'tenant' });
    const path: Record<LeaseStatus, LeaseStatus[]> = {
      DRAFT: [], ACTIVE: ['ACTIVE'], NOTICE: ['ACTIVE', 'NOTICE'], TERMINATED: ['ACTIVE', 'TERMINATED'], CANCELLED: ['CANCELLED'], PENDING_SIGNATURE: [], ARCHIVED: ['ACTIVE', 'TERMINATED', 'ARCHIVED'],
    };
    for (const step of path[status]) {
      if (step === 'TERMINATED') await terminate(lease.id).expect(200);
      else if (step === 'ARCHIVED') await put(`/api/leases/${lease.id}/archive`, {});
      else await put(`/api/leases/${lease.id}/status`, { status: step });
    }
    if (status === 'PENDING_SIGNATURE') {
      const owner = await ownerRoleClient();
      await owner.query(`UPDATE leases SET status = 'PENDING_SIGNATURE' WHERE id = $1`, [lease.id]);
      await owner.end();
    }
    return lease.id as string;
  };
  const rentalStatus = async (estateId: string) => (await get(`/api/estates/${estateId}`)).rental_status;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Leases suite');
    const owner = (await post('/api/owners', { owner_category: 'individual', last_name: 'Bailleur' })).id;
    placeId = (await post('/api/places', { name: 'Résidence', owner_id: owner, place_category: 'collective', street_name: 'rue', postal_code: '69003', city: 'Lyon' })).id;
  });
  afterAll(() => t.close());

  describe('leases', () => {
    it('creates a DRAFT with defaults, reads and updates it, and deletes it while DRAFT', async () => {
      const estate = await newEstate();
      const lease = await post('/api/leases', leaseBody(estate, { deposit_amount: 800, payment_day: 5, charges_amount: 60.5 }));
      expect(lease).toMatchObject({ status: 'DRAFT', rent_frequency: 'monthly', end_date: null, deposit_amount: 800, charges_amount: 60.5, start_date: '2026-01-01' });
      expect(await get(`/api/leases/${lease.id}`)).toEqual(lease);
      expect(await put(`/api/leases/${lease.id}`, { rent_amount: 900, end_date: '2029-01-01' })).toMatchObject({ rent_amount: 900, end_date: '2029-01-01' });
      await del(`/api/leases/${lease.id}`);
      await get(`/api/leases/${lease.id}`, 404);
    });

    it.each([
      [{ end_date: '2026-01-01' }, 'end_after_start'],
      [{ end_date: '2025-06-30' }, 'end_after_start'],
      [{ deposit_amount: 800.01 }, 'deposit_cap'],
      [{ lease_type: 'furnished', deposit_amount: 1600.5 }, 'deposit_cap'],
    ])('refuses %o with 422 RULE_VIOLATION naming %s', async (overrides, rule) => {
      const body = await post('/api/leases', leaseBody(await newEstate(), overrides), 422);
      expect(body.error).toMatchObject({ type: 'RULE_VIOLATION', details: { rule } });
      expect(body.error.message).toMatch(rule === 'deposit_cap' ? /deposit_amount exceeds/ : /end_date must be after start_date/);
    });

    it('holds updates to the same rules on the merged lease', async () => {
      const lease = await post('/api/leases', leaseBody(await newEstate(), { deposit_amount: 800 }));
      expect((await put(`/api/leases/${lease.id}`, { rent_amount: 700 }, 422)).error.details.rule).toBe('deposit_cap');
      expect((await put(`/api/leases/${lease.id}`, { start_date: '2030-01-01', end_date: '2029-01-01' }, 422)).error.details.rule).toBe('end_after_start');
    });

    it.each([
      [{ start_date: '2026-02-30' }, 'start_date'],
      [{ start_date: '2026-1-1' }, 'start_date'],
      [{ rent_amount: 850.555 }, 'rent_amount'],
      [{ rent_amount: -1 }, 'rent_amount'],
      [{ rent_amount: 1e13 }, 'rent_amount'],
      [{ rent_amount: '800' }, 'rent_amount'],
      [{ payment_day: 29 }, 'payment_day'],
      [{ payment_day: 0 }, 'payment_day'],
      [{ lease_type: 'seasonal' }, 'lease_type'],
      [{ rent_frequency: 'weekly' }, 'rent_frequency'],
      [{ status: 'ACTIVE' }, 'status'],
      [{ estate_id: 'nope' }, 'estate_id'],
    ])('refuses %o with 400 naming %s', async (overrides, field) => {
      const body = await post('/api/leases', leaseBody(await newEstate(), overrides), 400);
      expect(body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('answers 404 for an unknown unit', async () => {
      expect((await post('/api/leases', leaseBody(randomUuid()), 404)).error.message).toBe('Estate not found');
    });

    it('locks the content outside DRAFT (409) but keeps notes and reference editable; deletes only DRAFTs', async () => {
      const id = await leaseIn('ACTIVE');
      const locked = await put(`/api/leases/${id}`, { rent_amount: 900 }, 409);
      expect(locked.error).toMatchObject({ type: 'CONFLICT', details: { status: 'ACTIVE' } });
      expect(await put(`/api/leases/${id}`, { notes: 'Relance envoyée', reference_number: 'BAIL-42' })).toMatchObject({ notes: 'Relance envoyée', reference_number: 'BAIL-42', rent_amount: 800 });
      await del(`/api/leases/${id}`, 409);
    });

    it('filters by status, unit, lessee and start date, and refuses bad filters', async () => {
      const estate = await newEstate();
      const lessee = await newLessee('Filtré');
      const a = await post('/api/leases', leaseBody(estate, { start_date: '2027-03-01' }));
      const b = await post('/api/leases', leaseBody(estate, { start_date: '2027-06-01' }));
      await post(`/api/leases/${b.id}/lessees`, { lessee_id: lessee, role: 'tenant' });
      await put(`/api/leases/${b.id}/status`, { status: 'ACTIVE' });
      const ids = async (query: string) => (await get(`/api/leases?${query}`)).data.map((l: { id: string }) => l.id);
      expect(await ids(`estate_id=${estate}&sort=start_date`)).toEqual([a.id, b.id]);
      expect(await ids(`estate_id=${estate}&status=ACTIVE`)).toEqual([b.id]);
      expect(await ids(`lessee_id=${lessee}`)).toEqual([b.id]);
      expect(await ids(`estate_id=${estate}&start_date_from=2027-04-01&start_date_to=2027-12-31`)).toEqual([b.id]);
      for (const bad of ['status=active', 'start_date_from=2027-02-30', 'lessee_id=x', 'sort=status']) await get(`/api/leases?${bad}`, 400);
    });
  });

  describe('status machine over HTTP', () => {
    const pairs = LEASE_STATUSES.flatMap((from) => LEASE_STATUSES.map((to) => [from, to] as const));

    it.each(pairs)('%s → %s', async (from, to) => {
      const id = await leaseIn(from);
      const response = await req('put', `/api/leases/${id}/status`, { status: to });
      if (LEASE_TRANSITIONS[from][to] === 'api') {
        expect(response.status).toBe(200);
        expect(response.body.status).toBe(to);
      } else if (WORKFLOW_STATUSES[to]) {
        // TERMINATED and ARCHIVED belong to their workflows: the answer names the route to use.
        expect(response.status).toBe(409);
        expect(response.body.error).toMatchObject({ type: 'CONFLICT', details: { status: from, workflow: WORKFLOW_STATUSES[to] } });
        expect((await get(`/api/leases/${id}`)).status).toBe(from);
      } else {
        expect(response.status).toBe(422);
        expect(response.body.error).toEqual({
          code: 422,
          type: 'INVALID_TRANSITION',
          message: `A ${from} lease cannot become ${to}`,
          details: { from, to, allowed: allowedNextStatuses(from, 'api') },
        });
        expect((await get(`/api/leases/${id}`)).status).toBe(from);
      }
    });

    it('needs a current tenant party to become ACTIVE (a guarantor is not enough)', async () => {
      const lease = await post('/api/leases', leaseBody(await newEstate()));
      expect((await put(`/api/leases/${lease.id}/status`, { status: 'ACTIVE' }, 422)).error.details.rule).toBe('needs_tenant');
      await post(`/api/leases/${lease.id}/lessees`, { lessee_id: await newLessee(), role: 'guarantor' });
      await put(`/api/leases/${lease.id}/status`, { status: 'ACTIVE' }, 422);
      await post(`/api/leases/${lease.id}/lessees`, { lessee_id: await newLessee(), role: 'tenant' });
      await put(`/api/leases/${lease.id}/status`, { status: 'ACTIVE' });
    });
  });

  describe('the unit\'s rental_status', () => {
    it('follows its leases: RENTED while one is ACTIVE, NOTICE while one is in notice, else VACANT', async () => {
      const estate = await newEstate();
      expect(await rentalStatus(estate)).toBe('VACANT');
      const first = await leaseIn('DRAFT', estate);
      await put(`/api/leases/${first}/status`, { status: 'ACTIVE' });
      expect(await rentalStatus(estate)).toBe('RENTED');
      await put(`/api/leases/${first}/status`, { status: 'NOTICE' });
      expect(await rentalStatus(estate)).toBe('NOTICE');
      const next = await leaseIn('DRAFT', estate);
      await put(`/api/leases/${next}/status`, { status: 'ACTIVE' });
      expect(await rentalStatus(estate)).toBe('RENTED');
      await terminate(first).expect(200);
      expect(await rentalStatus(estate)).toBe('RENTED');
      await terminate(next).expect(200);
      expect(await rentalStatus(estate)).toBe('VACANT');
    });

    it('stays right when two leases of one unit are activated at once', async () => {
      for (let round = 0; round < 5; round++) {
        const estate = await newEstate();
        const [a, b] = [await leaseIn('DRAFT', estate), await leaseIn('DRAFT', estate)];
        const responses = await Promise.all([a, b].map((id) => req('put', `/api/leases/${id}/status`, { status: 'ACTIVE' })));
        expect(responses.map((r) => r.status)).toEqual([200, 200]);
        expect(await rentalStatus(estate)).toBe('RENTED');
      }
    });

    it('stays right when one lease ends while another starts, concurrently, many times', async () => {
      for (let round = 0; round < 8; round++) {
        const estate = await newEstate();
        const ending = await leaseIn('ACTIVE', estate);
        const starting = await leaseIn('DRAFT', estate);
        const [endResponse, startResponse] = await Promise.all([
          terminate(ending),
          req('put', `/api/leases/${starting}/status`, { status: round % 2 ? 'ACTIVE' : 'CANCELLED' }),
        ]);
        expect([endResponse.status, startResponse.status]).toEqual([200, 200]);
        expect(await rentalStatus(estate)).toBe(round % 2 ? 'RENTED' : 'VACANT');
      }
    });

    it('blocks deleting a unit with leases', async () => {
      const estate = await newEstate();
      await leaseIn('DRAFT', estate);
      const refused = await del(`/api/places/${placeId}/estates/${estate}`, 409);
      expect(refused.error.details).toEqual({ dependants: [{ resource: 'leases', count: 1 }] });
    });
  });

  describe('parties', () => {
    it('attaches once per role, removes from drafts, ends on running leases', async () => {
      const lease = await post('/api/leases', leaseBody(await newEstate()));
      const lessee = await newLessee('Partie');
      const party = await post(`/api/leases/${lease.id}/lessees`, { lessee_id: lessee, role: 'tenant' });
      expect(party).toMatchObject({ lease_id: lease.id, lessee_id: lessee, role: 'tenant', start_date: '2026-01-01', end_date: null });
      expect((await post(`/api/leases/${lease.id}/lessees`, { lessee_id: lessee, role: 'tenant' }, 409)).error.type).toBe('CONFLICT');
      await post(`/api/leases/${lease.id}/lessees`, { lessee_id: lessee, role: 'guarantor' });
      expect((await get(`/api/leases/${lease.id}/lessees`)).data.map((p: { role: string }) => p.role)).toEqual(['tenant', 'guarantor']);
      await del(`/api/leases/${lease.id}/lessees/${lessee}`);
      expect((await get(`/api/leases/${lease.id}/lessees`)).data).toEqual([]);
      await del(`/api/leases/${lease.id}/lessees/${lessee}`, 404);
      expect((await post(`/api/leases/${lease.id}/lessees`, { lessee_id: randomUuid(), role: 'tenant' }, 404)).error.message).toBe('Lessee not found');
      await post(`/api/leases/${lease.id}/lessees`, { lessee_id: lessee, role: 'landlord' }, 400);

      const running = await leaseIn('ACTIVE');
      const co = await newLessee('Colocataire');
      await post(`/api/leases/${running}/lessees`, { lessee_id: co, role: 'tenant', start_date: '2026-03-01' });
      await del(`/api/leases/${running}/lessees/${co}`, 409);
      await put(`/api/leases/${running}/lessees/${co}/end`, { end_date: '2026-02-01' }, 422);
      const ended = await put(`/api/leases/${running}/lessees/${co}/end`, { end_date: '2026-09-30' });
      expect(ended.data).toEqual([expect.objectContaining({ lessee_id: co, end_date: '2026-09-30' })]);
      await put(`/api/leases/${running}/lessees/${co}/end`, {}, 409);
      await put(`/api/leases/${running}/lessees/${randomUuid()}/end`, {}, 404);
      const draft = await leaseIn('DRAFT');
      await put(`/api/leases/${draft}/lessees/${co}/end`, {}, 409);
    });

    it('lets a lessee be deleted only while its leases are drafts or cancelled', async () => {
      const lessee = await newLessee('Supprimable');
      const draft = await post('/api/leases', leaseBody(await newEstate()));
      await post(`/api/leases/${draft.id}/lessees`, { lessee_id: lessee, role: 'tenant' });
      const blocked = await newLessee('Bloqué');
      const active = await leaseIn('DRAFT');
      await post(`/api/leases/${active}/lessees`, { lessee_id: blocked, role: 'guarantor' });
      await put(`/api/leases/${active}/status`, { status: 'ACTIVE' });
      const refused = await del(`/api/lessees/${blocked}`, 409);
      expect(refused.error.details).toEqual({ dependants: [{ resource: 'leases', count: 1 }] });
      await terminate(active).expect(200);
      await del(`/api/lessees/${blocked}`, 409);
      await del(`/api/lessees/${lessee}`);
      expect((await get(`/api/leases/${draft.id}/lessees`)).data).toEqual([]);
    });
  });

  describe('charges', () => {
    it('are managed under their lease while it is drafted or running', async () => {
      const id = await leaseIn('ACTIVE');
      const base = `/api/leases/${id}/charges`;
      const charge = await post(base, { label: 'Eau froide', category: 'water', amount: 25.5, frequency: 'monthly' });
      expect(charge).toMatchObject({ lease_id: id, recoverable: true, start_date: null, amount: 25.5 });
      await post(base, { label: 'Ascenseur', category: 'elevator', amount: 120, frequency: 'yearly', recoverable: false });
      expect((await get(`${base}?sort=label`)).data.map((c: { label: string }) => c.label)).toEqual(['Ascenseur', 'Eau froide']);
      expect((await get(`${base}?category=water`)).meta.pagination.total).toBe(1);
      expect(await put(`${base}/${charge.id}`, { amount: 27, start_date: '2026-01-01' })).toMatchObject({ amount: 27, start_date: '2026-01-01' });
      expect((await put(`${base}/${charge.id}`, { end_date: '2025-12-01' }, 422)).error.details.rule).toBe('end_after_start');
      for (const bad of [{ amount: 1.234 }, { amount: -3 }, { category: 'gas' }, { frequency: 'daily' }, { recoverable: 'yes' }]) {
        await post(base, { label: 'x', category: 'water', amount: 1, frequency: 'monthly', ...bad }, 400);
      }
      const other = await leaseIn('DRAFT');
      await get(`/api/leases/${other}/charges/${charge.id}`, 404);
      await del(`${base}/${charge.id}`);
      await get(`${base}/${charge.id}`, 404);

      const over = await leaseIn('TERMINATED');
      await post(`/api/leases/${over}/charges`, { label: 'x', category: 'water', amount: 1, frequency: 'monthly' }, 409);
    });
  });
});
