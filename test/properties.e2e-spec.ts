import { createTenant, randomUuid, startTestApp, type TestApp, type TestTenant, withoutMeta } from './support/test-app.js';

describe('Properties: places, estates, rooms, equipment', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let ownerId: string;
  let otherOwnerId: string;

  const post = async (path: string, body: object, status = 201) => (await t.http.post(path).set(tenant.auth).send(body).expect(status)).body;
  const get = async (path: string, status = 200) => (await t.http.get(path).set(tenant.auth).expect(status)).body;
  const put = async (path: string, body: object, status = 200) => (await t.http.put(path).set(tenant.auth).send(body).expect(status)).body;
  const del = async (path: string, status = 204) => (await t.http.delete(path).set(tenant.auth).expect(status)).body;
  const placeBody = (overrides: object = {}) => ({ name: 'Les Tilleuls', owner_id: ownerId, place_category: 'collective', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon', ...overrides });

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Properties suite');
    ownerId = (await post('/api/owners', { owner_category: 'sci', legal_name: 'SCI Tilleuls' })).id;
    otherOwnerId = (await post('/api/owners', { owner_category: 'individual', last_name: 'Autre' })).id;
  });
  afterAll(() => t.close());

  describe('places', () => {
    it('creates with defaults, reads, updates with null-clears and deletes', async () => {
      const place = await post('/api/places', placeBody({ latitude: 45.757812, longitude: 4.832, construction_date: '1972-05-01', legal_regime: 'copropriete' }));
      expect(place).toMatchObject({ country: 'FR', latitude: 45.757812, longitude: 4.832, construction_date: '1972-05-01', legal_regime: 'copropriete', number_of_floor: null });
      expect(await get(`/api/places/${place.id}`)).toEqual(place);
      const updated = await put(`/api/places/${place.id}`, { legal_regime: null, number_of_floor: 5 });
      expect(updated).toMatchObject({ legal_regime: null, number_of_floor: 5, name: 'Les Tilleuls' });
      await put(`/api/places/${place.id}`, { city: null }, 400);
      await del(`/api/places/${place.id}`);
      await get(`/api/places/${place.id}`, 404);
    });

    it.each([
      [{ owner_id: undefined }, 'owner_id'],
      [{ place_category: 'castle' }, 'place_category'],
      [{ legal_regime: 'syndic' }, 'legal_regime'],
      [{ latitude: 91 }, 'latitude'],
      [{ longitude: 4.1234567 }, 'longitude'],
      [{ construction_date: '2026-02-30' }, 'construction_date'],
      [{ construction_date: '01/05/1972' }, 'construction_date'],
      [{ number_of_floor: -1 }, 'number_of_floor'],
      [{ postal_code: '690 03 / x' }, 'postal_code'],
      [{ country: 'FRA' }, 'country'],
      [{ name: '' }, 'name'],
    ])('refuses %o', async (overrides, field) => {
      const body = await post('/api/places', placeBody(overrides), 400);
      expect(body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('answers 404 Owner not found for an unknown owner', async () => {
      const body = await post('/api/places', placeBody({ owner_id: randomUuid() }), 404);
      expect(body.error.message).toBe('Owner not found');
    });
  });

  describe('estates', () => {
    let placeId: string;
    let otherPlaceId: string;

    beforeAll(async () => {
      placeId = (await post('/api/places', placeBody({ name: 'Estates place' }))).id;
      otherPlaceId = (await post('/api/places', placeBody({ name: 'Other place', owner_id: otherOwnerId }))).id;
    });

    it('creates under a place, defaulting the owner to the place\'s, VACANT and read-only status', async () => {
      const estate = await post(`/api/places/${placeId}/estates`, { name: '3B', estate_type: 'apartment', area: 54.3, rent_amount: 850.5 });
      expect(estate).toMatchObject({ place_id: placeId, owner_id: ownerId, rental_status: 'VACANT', area: 54.3, rent_amount: 850.5 });
      await post(`/api/places/${placeId}/estates`, { name: 'x', estate_type: 'studio', rental_status: 'RENTED' }, 400);
      await put(`/api/estates/${estate.id}`, { rental_status: 'RENTED' }, 400);
      const explicit = await post(`/api/places/${placeId}/estates`, { name: '3C', estate_type: 'studio', owner_id: otherOwnerId });
      expect(explicit.owner_id).toBe(otherOwnerId);
    });

    it('treats a unit under the wrong place exactly like a missing one', async () => {
      const estate = await post(`/api/places/${placeId}/estates`, { name: 'Nested', estate_type: 'studio' });
      await get(`/api/places/${placeId}/estates/${estate.id}`);
      const wrong = await t.http.get(`/api/places/${otherPlaceId}/estates/${estate.id}`).set(tenant.auth).expect(404);
      const missing = await t.http.get(`/api/places/${otherPlaceId}/estates/${randomUuid()}`).set(tenant.auth).expect(404);
      expect(withoutMeta(wrong.body)).toEqual(withoutMeta(missing.body));
      await put(`/api/places/${otherPlaceId}/estates/${estate.id}`, { name: 'x' }, 404);
      await del(`/api/places/${otherPlaceId}/estates/${estate.id}`, 404);
      await get(`/api/places/${randomUuid()}/estates`, 404);
      expect((await get(`/api/places/${placeId}/estates/${estate.id}`)).name).toBe('Nested');
    });

    it('moves a unit to another place with PUT /api/estates/{id}', async () => {
      const estate = await post(`/api/places/${placeId}/estates`, { name: 'Mover', estate_type: 'house' });
      const moved = await put(`/api/estates/${estate.id}`, { place_id: otherPlaceId, floor: 0 });
      expect(moved).toMatchObject({ place_id: otherPlaceId, floor: 0, owner_id: ownerId });
      await get(`/api/places/${otherPlaceId}/estates/${estate.id}`);
      await get(`/api/places/${placeId}/estates/${estate.id}`, 404);
      const refused = await put(`/api/estates/${estate.id}`, { place_id: randomUuid() }, 404);
      expect(refused.error.message).toBe('Place not found');
      await put(`/api/places/${otherPlaceId}/estates/${estate.id}`, { place_id: placeId }, 400);
    });

    it.each([
      [{ area: -1 }, 'area'],
      [{ area: 12.345 }, 'area'],
      [{ rent_amount: 850.555 }, 'rent_amount'],
      [{ rent_amount: -5 }, 'rent_amount'],
      [{ rent_amount: 1e13 }, 'rent_amount'],
      [{ rent_amount: '850' }, 'rent_amount'],
      [{ estate_type: 'castle' }, 'estate_type'],
      [{ floor: 1.5 }, 'floor'],
      [{ number_of_room: -1 }, 'number_of_room'],
    ])('refuses %o', async (overrides, field) => {
      const body = await post(`/api/places/${placeId}/estates`, { name: 'Bad', estate_type: 'apartment', ...overrides }, 400);
      expect(body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    describe('lists', () => {
      let listPlace: string;
      beforeAll(async () => {
        listPlace = (await post('/api/places', placeBody({ name: 'List place' }))).id;
        const specs = [
          { name: 'A', area: 20, floor: 0, number_of_room: 1, rent_amount: 500 },
          { name: 'B', area: 45.5, floor: 1, number_of_room: 2, rent_amount: 700 },
          { name: 'C', area: 70, floor: 1, number_of_room: 3, rent_amount: 900 },
          { name: 'D', area: 110, floor: 3, number_of_room: 5, rent_amount: 1500 },
          { name: 'E', area: null, floor: null, number_of_room: null, rent_amount: null },
        ];
        for (const spec of specs) await post(`/api/places/${listPlace}/estates`, { estate_type: 'apartment', ...spec });
      });
      const names = async (query: string) => (await get(`/api/places/${listPlace}/estates?${query}`)).data.map((e: { name: string }) => e.name);

      it('filters by area range, floor, rooms and status', async () => {
        expect(await names('area_min=45.5&area_max=110&sort=name')).toEqual(['B', 'C', 'D']);
        expect(await names('floor=1&sort=name')).toEqual(['B', 'C']);
        expect(await names('number_of_room=5')).toEqual(['D']);
        expect(await names('rental_status=RENTED')).toEqual([]);
        expect((await get(`/api/estates?place_id=${listPlace}&rental_status=VACANT`)).meta.pagination.total).toBe(5);
      });

      it('sorts and pages', async () => {
        expect(await names('sort=-rent_amount&area_min=0')).toEqual(['D', 'C', 'B', 'A']);
        expect(await names('sort=area&per_page=2&page=2&area_min=0')).toEqual(['C', 'D']);
        expect(await names('sort=-created_at')).toEqual(['E', 'D', 'C', 'B', 'A']);
        const page = await get(`/api/places/${listPlace}/estates?per_page=2&page=3`);
        expect(page.meta.pagination).toEqual({ current_page: 3, per_page: 2, total: 5, total_pages: 3, has_next: false, has_prev: true });
      });

      it.each(['area_min=10&area_max=5', 'area_min=abc', 'floor=1.5', 'rental_status=vacant', 'sort=owner_id', 'place_id=nope'])('refuses %s', async (query) => {
        await get(`/api/estates?${query}`, 400);
      });
    });
  });

  describe('rooms', () => {
    it('lives under its unit and place only', async () => {
      const place = (await post('/api/places', placeBody({ name: 'Rooms place' }))).id;
      const otherPlace = (await post('/api/places', placeBody({ name: 'Rooms other' }))).id;
      const estate = (await post(`/api/places/${place}/estates`, { name: 'R', estate_type: 'apartment' })).id;
      const otherEstate = (await post(`/api/places/${place}/estates`, { name: 'R2', estate_type: 'apartment' })).id;
      const base = `/api/places/${place}/estates/${estate}/rooms`;
      const room = await post(base, { room_type: 'bedroom', designation: 'Chambre 1', habitable_surface: 12.5, carrez_surface: 11.8 });
      expect(room).toMatchObject({ estate_id: estate, habitable_surface: 12.5, carrez_surface: 11.8 });
      await post(base, { room_type: 'kitchen', designation: 'Cuisine' });
      expect((await get(`${base}?sort=designation`)).data.map((r: { designation: string }) => r.designation)).toEqual(['Chambre 1', 'Cuisine']);
      expect((await get(`${base}?room_type=kitchen`)).meta.pagination.total).toBe(1);
      expect(await put(`${base}/${room.id}`, { carrez_surface: null })).toMatchObject({ carrez_surface: null, designation: 'Chambre 1' });
      await get(`/api/places/${otherPlace}/estates/${estate}/rooms/${room.id}`, 404);
      await get(`/api/places/${place}/estates/${otherEstate}/rooms/${room.id}`, 404);
      await post(base, { room_type: 'cellar', designation: 'x' }, 400);
      await del(`${base}/${room.id}`);
      await get(`${base}/${room.id}`, 404);
    });
  });

  describe('equipment', () => {
    let place: string;
    let estate: string;
    let room: string;
    beforeAll(async () => {
      place = (await post('/api/places', placeBody({ name: 'Equipment place' }))).id;
      estate = (await post(`/api/places/${place}/estates`, { name: 'Eq', estate_type: 'apartment' })).id;
      room = (await post(`/api/places/${place}/estates/${estate}/rooms`, { room_type: 'kitchen', designation: 'Cuisine' })).id;
    });

    it('hangs on exactly one of place, unit or room', async () => {
      for (const parent of [{ place_id: place }, { estate_id: estate }, { room_id: room }]) {
        const item = await post('/api/equipment', { name: 'Chaudière', equipment_type: 'boiler', condition: 'good', installed_at: '2021-10-04', ...parent });
        expect(item).toMatchObject({ place_id: null, estate_id: null, room_id: null, ...parent });
      }
      for (const parents of [{}, { place_id: place, estate_id: estate }, { place_id: null, estate_id: null, room_id: null }]) {
        const body = await post('/api/equipment', { name: 'x', equipment_type: 'x', ...parents }, 400);
        expect(body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['place_id', 'estate_id', 'room_id']);
      }
      expect((await post('/api/equipment', { name: 'x', equipment_type: 'x', room_id: randomUuid() }, 404)).error.message).toBe('Room not found');
    });

    it('re-attaches on update and filters by parent and type', async () => {
      const item = await post('/api/equipment', { name: 'Hotte', equipment_type: 'hood', room_id: room });
      const moved = await put(`/api/equipment/${item.id}`, { estate_id: estate });
      expect(moved).toMatchObject({ room_id: null, estate_id: estate, place_id: null, name: 'Hotte' });
      await put(`/api/equipment/${item.id}`, { estate_id: null }, 400);
      expect((await put(`/api/equipment/${item.id}`, { notes: 'filtre changé' })).estate_id).toBe(estate);
      const hoods = await get('/api/equipment?equipment_type=hood');
      expect(hoods.data.map((e: { id: string }) => e.id)).toEqual([item.id]);
      expect((await get(`/api/equipment?estate_id=${estate}&sort=name`)).data.map((e: { name: string }) => e.name)).toContain('Hotte');
    });
  });

  describe('delete rules', () => {
    it('refuses to delete an owner referenced by places or units, listing the dependants', async () => {
      const owner = (await post('/api/owners', { owner_category: 'individual', last_name: 'Referenced' })).id;
      const place = (await post('/api/places', placeBody({ owner_id: owner, name: 'Ref place' }))).id;
      await post(`/api/places/${place}/estates`, { name: 'Ref unit', estate_type: 'studio' });
      const refused = await del(`/api/owners/${owner}`, 409);
      expect(refused.error).toEqual({
        code: 409,
        type: 'CONFLICT',
        message: 'The owner is still referenced',
        details: { dependants: [{ resource: 'places', count: 1 }, { resource: 'estates', count: 1 }] },
      });
      await get(`/api/owners/${owner}`);
    });

    it('refuses to delete a place with units, then deletes it with its own equipment once empty', async () => {
      const place = (await post('/api/places', placeBody({ name: 'Del place' }))).id;
      const unit = (await post(`/api/places/${place}/estates`, { name: 'U', estate_type: 'studio' })).id;
      const gear = (await post('/api/equipment', { name: 'Interphone', equipment_type: 'intercom', place_id: place })).id;
      const refused = await del(`/api/places/${place}`, 409);
      expect(refused.error.details).toEqual({ dependants: [{ resource: 'estates', count: 1 }] });
      await del(`/api/places/${place}/estates/${unit}`);
      await del(`/api/places/${place}`);
      await get(`/api/equipment/${gear}`, 404);
    });

    it('deletes a unit with its rooms and all their equipment', async () => {
      const place = (await post('/api/places', placeBody({ name: 'Cascade place' }))).id;
      const unit = (await post(`/api/places/${place}/estates`, { name: 'U', estate_type: 'apartment' })).id;
      const room = (await post(`/api/places/${place}/estates/${unit}/rooms`, { room_type: 'bathroom', designation: 'SdB' })).id;
      const roomGear = (await post('/api/equipment', { name: 'Ballon', equipment_type: 'water_heater', room_id: room })).id;
      const unitGear = (await post('/api/equipment', { name: 'Détecteur', equipment_type: 'smoke_detector', estate_id: unit })).id;
      await del(`/api/places/${place}/estates/${unit}`);
      await get(`/api/places/${place}/estates/${unit}/rooms`, 404);
      await get(`/api/equipment/${roomGear}`, 404);
      await get(`/api/equipment/${unitGear}`, 404);
      await del(`/api/places/${place}`);
    });
  });
});
