import { seedFixture, type TenantFixture } from './support/isolation-cases.js';
import { fillTemplate } from './support/openapi-routes.js';
import { createTenant, startTestApp, type TestApp } from './support/test-app.js';

type Operation = { requestBody?: unknown; parameters?: { name: string; in: string }[] };

/** Values that have broken APIs before: wrong types, extremes, injections, odd unicode. */
const HOSTILE_VALUES: unknown[] = [
  null, true, -1, 0, 1e308, -1e308, 1.5, '', ' ', 'x'.repeat(10_000), "' OR 1=1 --", '"; DROP TABLE owners; --', '%00', '\u0000', '\ud800',
  '../../etc/passwd', '<script>alert(1)</script>', '2026-02-30', '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000',
  '\u202e\u0645\u0631\u062d\u0628\u0627', '😀'.repeat(100), [], [null], {}, { $gt: '' }, { __proto__: { admin: true } }, [[[[[]]]]],
];
const PATH_VALUES = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc', '%F0%9F%98%80', 'x'.repeat(300), "1'%20OR%20'1'='1"];

/**
 * Every operation of the public OpenAPI document, fed a corpus of bad input (paths, queries,
 * bodies): never a 5xx, and every error in the envelope.
 */
describe('Bad-input corpus over every documented route', () => {
  let t: TestApp;
  let fixture: TenantFixture;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    t = await startTestApp();
    fixture = await seedFixture(t.http, await createTenant(t.http, 'Corpus suite'), 'corpusmarker');
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method, path, operation })));
  });
  afterAll(() => t.close());

  /** Fills path parameters with the fixture's real ids, so the body and query are what is tested. */
  const realPath = (path: string) => fillTemplate(path, fixture);

  const check = async (label: string, response: { status: number; body: { error?: { code: number; type: string } }; headers: Record<string, string> }) => {
    expect({ label, status: response.status < 500 ? 'below 500' : response.status }).toEqual({ label, status: 'below 500' });
    if (response.status >= 400) {
      expect({ label, envelope: response.body.error?.code }).toEqual({ label, envelope: response.status });
      expect(response.headers['x-request-id']).toBeTruthy();
    }
  };

  it('never answers 5xx to hostile path parameters', async () => {
    for (const { method, path } of operations.filter((o) => o.path.includes('{'))) {
      for (const value of PATH_VALUES) {
        const url = path.replace(/\{\w+\}/g, value);
        const response = await (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method](url).set(fixture.tenant.auth);
        await check(`${method.toUpperCase()} ${url}`, response);
      }
    }
  });

  it('never answers 5xx to hostile query strings', async () => {
    for (const { path } of operations.filter((o) => o.method === 'get')) {
      for (const query of ['page=abc&per_page=1e9', 'sort=;DROP', 'per_page[]=1&per_page[]=2', 'search=%00', `search=${'%F0%9F%98%80'.repeat(40)}`, 'status[$ne]=x', `x=${'y'.repeat(5000)}`, 'place_id=00000000-0000-0000-0000-000000000000', 'area_min=-1e400']) {
        const response = await t.http.get(`${realPath(path)}?${query}`).set(fixture.tenant.auth);
        await check(`GET ${path}?${query.slice(0, 40)}`, response);
      }
    }
  });

  it('never answers 5xx to hostile JSON bodies', async () => {
    for (const { method, path } of operations.filter((o) => ['post', 'put', 'patch'].includes(o.method) && o.operation.requestBody)) {
      const bodies: unknown[] = [
        ...HOSTILE_VALUES.map((value) => ({ name: value, owner_id: value, estate_id: value, status: value, amount: value, start_date: value, lessees: value, signers: value, document_id: value, package_id: value })),
        ...HOSTILE_VALUES.filter((value) => typeof value === 'object' && value !== null),
        'not an object',
        12,
      ];
      for (const body of bodies) {
        const response = await (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method](realPath(path))
          .set(fixture.tenant.auth)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        await check(`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 60)}`, response);
      }
    }
  });
});
