import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const count = async () => (await t.http.get('/api/owners?per_page=1').set(tenant.auth).expect(200)).body.meta.pagination.total as number;
  const create = (key: string, body: object = { owner_category: 'individual', last_name: 'Idem' }, who = tenant) =>
    t.http.post('/api/owners').set(who.auth).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Idempotency suite');
  });
  afterAll(() => t.close());

  it('replays the first response to a retry, creating nothing more', async () => {
    const before = await count();
    const first = await create('key-replay-1').expect(201);
    const again = await create('key-replay-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED)', async () => {
    await create('key-reused-1').expect(201);
    const reused = await create('key-reused-1', { owner_category: 'individual', last_name: 'Other' }).expect(422);
    expect(reused.body.error.type).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 to a duplicate that arrives while the first is running, and creates one', async () => {
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 8 }, () => create('key-concurrent-1')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.error.type === 'CONFLICT')).toBe(true);
    const created = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(created.size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('keeps keys per tenant', async () => {
    const other = await createTenant(t.http, 'Idempotency other');
    const mine = await create('key-shared-name').expect(201);
    const theirs = await create('key-shared-name', undefined, other).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('lets a failed request be retried with the same key', async () => {
    await create('key-after-failure', { owner_category: 'individual' }).expect(400);
    await create('key-after-failure', { owner_category: 'individual' }).expect(400);
    const fixed = await create('key-after-failure', { owner_category: 'individual', last_name: 'Fixed' }).expect(201);
    expect(fixed.body.last_name).toBe('Fixed');
  });

  it('refuses a malformed key and ignores keys on other methods', async () => {
    expect((await create('').expect(400)).body.error.type).toBe('VALIDATION_ERROR');
    expect((await create('x'.repeat(256)).expect(400)).body.error.type).toBe('VALIDATION_ERROR');
    await t.http.get('/api/owners').set(tenant.auth).set('Idempotency-Key', 'k').expect(200);
  });
});
