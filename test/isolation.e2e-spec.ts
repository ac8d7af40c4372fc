import { seedFixture, type TenantFixture } from './support/isolation-cases.js';
import { isolationChecks } from './support/isolation-suite.js';
import { createTenant, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Tenant A's key against tenant B's ids, on every route: a foreign id must be indistinguishable
 * from a missing one (status and body, apart from meta), and nothing of B may change or show.
 */
describe('Tenant isolation over HTTP', () => {
  let t: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startTestApp();
    a = await seedFixture(t.http, await createTenant(t.http, 'Isolation A'), 'alphamarker');
    b = await seedFixture(t.http, await createTenant(t.http, 'Isolation B'), 'bravomarker');
  });
  afterAll(() => t.close());

  isolationChecks(() => ({ t, caller: a, victim: b }));

  it('never answers a tenant_id, in any body or header', async () => {
    for (const path of ['/api/owners', `/api/owners/${a.owner}`]) {
      const response = await t.http.get(path).set(a.tenant.auth).expect(200);
      expect(JSON.stringify(response.body)).not.toContain('tenant_id');
      expect(JSON.stringify(response.body)).not.toContain(a.tenant.id);
      expect(JSON.stringify(response.headers)).not.toContain(a.tenant.id);
    }
  });
});
