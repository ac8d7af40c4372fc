import { SAMPLE_FILES } from './support/files.js';
import { appRoleClient, createTenant, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const waitFor = async (condition: () => Promise<boolean>, limitMs = 5_000) => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

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

  it('answers 409 to duplicates that arrive while the first is running, and creates one', async () => {
    // The first request is held inside its transaction: a row lock of ours blocks its insert.
    const owner = (await create('key-concurrent-owner').expect(201)).body.id;
    const place = (await t.http.post('/api/places').set(tenant.auth).send({ name: 'P', owner_id: owner, place_category: 'individual', street_name: 'r', postal_code: '75001', city: 'Paris' }).expect(201)).body.id;
    const estates = async () => (await t.http.get(`/api/places/${place}/estates`).set(tenant.auth).expect(200)).body.meta.pagination.total as number;
    const createEstate = () => t.http.post(`/api/places/${place}/estates`).set(tenant.auth).set('Idempotency-Key', 'key-concurrent-1').send({ name: 'E', estate_type: 'studio' });
    const blocker = await appRoleClient();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await blocker.query('SELECT id FROM places WHERE id = $1 FOR UPDATE', [place]);
      const first = createEstate().then((response) => response);
      await waitFor(async () => (await blocker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n > 0);
      const duplicates = await Promise.all(Array.from({ length: 7 }, () => createEstate()));
      await blocker.query('COMMIT');
      const statuses = [(await first).status, ...duplicates.map((r) => r.status)];
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      expect(duplicates.every((r) => r.body.error.type === 'CONFLICT')).toBe(true);
    } finally {
      await blocker.end();
    }
    expect(await estates()).toBe(1);
    const replay = await createEstate().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('stores the response in the transaction that did the work: a failed store undoes the work, a retry runs it once', async () => {
    const owner = await ownerRoleClient();
    await owner.query(`
      CREATE OR REPLACE FUNCTION public.test_refuse_idempotency_store() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN IF NEW.key = 'key-store-fails' AND NEW.state = 'done' THEN RAISE EXCEPTION 'simulated store failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_idempotency_store BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION public.test_refuse_idempotency_store();
    `);
    const before = await count();
    try {
      await create('key-store-fails', { owner_category: 'individual', last_name: 'Once' }).expect(500);
      expect(await count()).toBe(before); // the owner went with the failed store
    } finally {
      await owner.query('DROP TRIGGER test_refuse_idempotency_store ON idempotency_keys; DROP FUNCTION public.test_refuse_idempotency_store()');
      await owner.end();
    }
    const retried = await create('key-store-fails', { owner_category: 'individual', last_name: 'Once' }).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    await create('key-store-fails', { owner_category: 'individual', last_name: 'Once' }).expect(201);
    expect(await count()).toBe(before + 1);
  });

  it('fingerprints an upload with its file: the same key with another file is refused, the same file replayed', async () => {
    const owner = (await create('key-upload-owner').expect(201)).body.id;
    const upload = (file: Buffer) => t.http.post('/api/media').set(tenant.auth).set('Idempotency-Key', 'key-upload-1').field('entity_type', 'owner').field('entity_id', owner).attach('file', file, 'plan.png');
    const first = await upload(SAMPLE_FILES.png).expect(201);
    const replay = await upload(SAMPLE_FILES.png).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const other = await upload(SAMPLE_FILES.jpeg).expect(422);
    expect(other.body.error.type).toBe('IDEMPOTENCY_KEY_REUSED');
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
