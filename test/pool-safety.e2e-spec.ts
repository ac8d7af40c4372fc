import { DataSource } from 'typeorm';
import { NestedPoolConnectionError } from '../src/core/tenancy/nested-connection-guard.js';
import { TenantTransactions } from '../src/core/tenancy/tenant-transactions.js';
import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const TENANTS = 20;
const REQUESTS = 600;

/**
 * Many tenants through a pool of 4 connections, interleaved, a tenth of the requests failing
 * midway (inside the transaction, after reads or at the write): no response may carry another
 * tenant's data, and no failed write may remain.
 */
describe('Pool safety under concurrency', () => {
  let t: TestApp;
  const tenants: { tenant: TestTenant; name: string; owners: string[] }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '4' });
    for (let i = 0; i < TENANTS; i++) {
      const tenant = await createTenant(t.http, `Pool ${i}`);
      const name = `pooltenant${i}x`;
      const owners: string[] = [];
      for (let j = 0; j < 3; j++) {
        const response = await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: `${name}-${j}` }).expect(201);
        owners.push(response.body.id);
      }
      tenants.push({ tenant, name, owners });
    }
  });
  afterAll(() => t.close());

  it('refuses a second pool connection inside a tenant transaction, at once instead of deadlocking', async () => {
    if (!t.app) return; // remote instances: the storm suite covers them over HTTP
    const dataSource = t.app.get(DataSource);
    const started = Date.now();
    await expect(t.app.get(TenantTransactions).run(tenants[0].tenant.id, () => dataSource.query('SELECT 1'))).rejects.toThrow(NestedPoolConnectionError);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(dataSource.query('SELECT 1')).resolves.toEqual([{ '?column?': 1 }]); // outside one, the pool serves
  });

  it(`keeps ${REQUESTS} interleaved requests of ${TENANTS} tenants apart on 4 connections`, async () => {
    const failures = { expected: 0 };
    const creates = new Map<string, number>();
    const jobs = Array.from({ length: REQUESTS }, (_, i) => {
      const mine = tenants[i % TENANTS];
      const kind = Math.floor(i / TENANTS) % 10; // every tenant goes through every kind
      const auth = mine.tenant.auth;
      switch (kind) {
        case 0: // fails inside the transaction at the INSERT: NUL bytes are refused by Postgres
          failures.expected++;
          return t.http.post('/api/owners').set(auth).send({ owner_category: 'individual', last_name: `${mine.name}-\u0000-bad` }).then((r) => ({ r, mine, kind }));
        case 1: // fails after a locked read: the category rule is checked against the stored row
          failures.expected++;
          return t.http.put(`/api/owners/${mine.owners[0]}`).set(auth).send({ owner_category: 'company' }).then((r) => ({ r, mine, kind }));
        case 2:
          creates.set(mine.name, (creates.get(mine.name) ?? 0) + 1);
          return t.http.post('/api/owners').set(auth).send({ owner_category: 'individual', last_name: `${mine.name}-new` }).then((r) => ({ r, mine, kind }));
        case 3:
        case 4:
        case 5:
          return t.http.get(`/api/owners?per_page=100`).set(auth).then((r) => ({ r, mine, kind }));
        default:
          return t.http.get(`/api/owners/${mine.owners[i % 3]}`).set(auth).then((r) => ({ r, mine, kind }));
      }
    });
    const results = await Promise.all(jobs);

    let failed = 0;
    for (const { r, mine, kind } of results) {
      if (kind === 0 || kind === 1) {
        expect(r.status).toBe(400);
        failed++;
        continue;
      }
      expect([200, 201]).toContain(r.status);
      const rows: { last_name: string }[] = kind >= 3 && kind <= 5 ? r.body.data : [r.body];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.last_name.startsWith(`${mine.name}-`)).toBe(true);
    }
    expect(failed).toBe(failures.expected);
    expect(failed).toBeGreaterThanOrEqual(REQUESTS / 10);

    // Every tenant holds its 3 seeded owners plus exactly its successful creates; nothing half-written.
    for (const { tenant, name, owners } of tenants) {
      const list = await t.http.get('/api/owners?per_page=100').set(tenant.auth).expect(200);
      const names: string[] = list.body.data.map((row: { last_name: string }) => row.last_name);
      expect(names.every((n) => n.startsWith(`${name}-`))).toBe(true);
      expect(names.filter((n) => n.includes('bad'))).toEqual([]);
      expect(creates.get(name)).toBeGreaterThan(0);
      expect(list.body.meta.pagination.total).toBe(3 + (creates.get(name) ?? 0));
      const first = await t.http.get(`/api/owners/${owners[0]}`).set(tenant.auth).expect(200);
      expect(first.body.owner_category).toBe('individual');
    }

    // Every pooled connection comes back clean: no tenant, no open transaction.
    // (Against remote instances there is no in-process pool: test/scale checks PgBouncer's instead.)
    if (!t.app) return;
    const dataSource = t.app.get(DataSource);
    const runners = await Promise.all(Array.from({ length: 4 }, async () => {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      return runner;
    }));
    try {
      for (const runner of runners) {
        // Outside a transaction each statement is its own, so now() equals the statement's time.
        const [state] = await runner.query(`SELECT current_setting('app.tenant_id', true) AS tenant, now() = statement_timestamp() AS outside_transaction`);
        expect([null, '']).toContain(state.tenant);
        expect(state.outside_transaction).toBe(true);
      }
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  });
});
