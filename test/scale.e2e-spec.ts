import { jest } from '@jest/globals';
import pg from 'pg';
import { appRoleClient, createTenant, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode): PlanNode[] {
  return [...(node['Relation Name'] ? [node] : []), ...(node.Plans ?? []).flatMap(scansOf)];
}

/**
 * A tenant with 10,000 units must not slow down a tenant with 10: the small tenant's queries are
 * planned on tenant-leading indexes, never a scan of the whole table. Checked on the exact SQL
 * the API sends, with EXPLAIN, as the app role. (Latencies are measured by `npm run bench`.)
 */
describe('Scale: one big tenant next to a small one', () => {
  let t: TestApp;
  let big: TestTenant;
  let small: TestTenant;
  let smallPlace: string;
  let smallEstate: string;

  beforeAll(async () => {
    t = await startTestApp();
    big = await createTenant(t.http, 'Big');
    small = await createTenant(t.http, 'Small');
    for (const [tenant, units] of [[big, 0], [small, 10]] as const) {
      const owner = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'sci', legal_name: 'SCI' }).expect(201)).body.id;
      const place = (await t.http.post('/api/places').set(tenant.auth).send({ name: 'P', owner_id: owner, place_category: 'collective', street_name: 'r', postal_code: '75001', city: 'Paris' }).expect(201)).body.id;
      for (let i = 0; i < units; i++) {
        smallEstate = (await t.http.post(`/api/places/${place}/estates`).set(tenant.auth).send({ name: `U${i}`, estate_type: 'studio', area: 20 + i }).expect(201)).body.id;
      }
      if (tenant === small) smallPlace = place;
      else {
        const seed = await ownerRoleClient();
        await seed.query(
          `INSERT INTO estates (tenant_id, id, place_id, owner_id, name, estate_type, area, floor, number_of_room, created_at)
           SELECT $1, gen_random_uuid(), $2, $3, 'Unit ' || n, 'apartment', 20 + n % 80, n % 10, 1 + n % 5, now() - n * interval '1 minute'
             FROM generate_series(1, 10000) AS n`,
          [big.id, place, owner],
        );
        await seed.query('ANALYZE estates');
        await seed.end();
      }
    }
  });
  afterAll(() => t.close());

  /** The SQL and parameters the API sends for one request, minus the transaction frame. */
  async function queriesOf(path: string): Promise<{ text: string; values: unknown[] }[]> {
    const spy = jest.spyOn(pg.Client.prototype, 'query');
    try {
      await t.http.get(path).set(small.auth).expect(200);
      return spy.mock.calls
        .map(([text, values]) => ({ text: String(text), values: (values ?? []) as unknown[] }))
        .filter((q) => /FROM "estates"/.test(q.text));
    } finally {
      spy.mockRestore();
    }
  }

  async function explainAsSmallTenant(query: { text: string; values: unknown[] }): Promise<PlanNode> {
    const app = await appRoleClient();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [small.id]);
      const { rows } = await app.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
      await app.query('ROLLBACK');
      return rows[0]['QUERY PLAN'][0].Plan as PlanNode;
    } finally {
      await app.end();
    }
  }

  it.each([
    ['the flat list', () => '/api/estates'],
    ['the nested list', () => `/api/places/${smallPlace}/estates`],
    ['a filtered list', () => '/api/estates?area_min=25&sort=area'],
    ['a unit by id', () => `/api/estates/${smallEstate}`],
  ])('plans %s on a tenant-leading index', async (_label, path) => {
    const queries = await queriesOf(path());
    expect(queries).toHaveLength(1);
    const scans = scansOf(await explainAsSmallTenant(queries[0])).filter((scan) => scan['Relation Name'] === 'estates');
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan['Node Type']).not.toBe('Seq Scan');
      expect(scan['Index Name']).toMatch(/^estates_(tenant_|pkey)/);
    }
  });

  it('answers the small tenant with its 10 units only', async () => {
    const page = await t.http.get('/api/estates?per_page=100').set(small.auth).expect(200);
    expect(page.body.meta.pagination.total).toBe(10);
    const bigPage = await t.http.get('/api/estates?per_page=1').set(big.auth).expect(200);
    expect(bigPage.body.meta.pagination.total).toBe(10_000);
  });
});
