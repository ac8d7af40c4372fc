import { seedFixture, type TenantFixture } from './support/isolation-cases.js';
import { isolationChecks } from './support/isolation-suite.js';
import { createTenant, sandboxOf, startTestApp, type TestApp } from './support/test-app.js';

/**
 * A tenant's live and sandbox data spaces are as far apart as two tenants: the same table of
 * routes, in both directions (live key × sandbox row, sandbox key × live row → 404).
 */
describe('Live and sandbox data spaces of one tenant', () => {
  let t: TestApp;
  let live: TenantFixture;
  let sandbox: TenantFixture;

  beforeAll(async () => {
    t = await startTestApp();
    const tenant = await createTenant(t.http, 'Two spaces');
    live = await seedFixture(t.http, tenant, 'livemarker');
    sandbox = await seedFixture(t.http, await sandboxOf(t.http, tenant), 'sandboxmarker');
  });
  afterAll(() => t.close());

  describe('a live key naming sandbox rows', () => {
    isolationChecks(() => ({ t, caller: live, victim: sandbox }), { betweenSpacesOfOneTenant: true });
  });

  describe('a sandbox key naming live rows', () => {
    isolationChecks(() => ({ t, caller: sandbox, victim: live }), { betweenSpacesOfOneTenant: true });
  });
});
