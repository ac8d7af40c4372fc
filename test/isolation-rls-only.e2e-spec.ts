import { seedFixture, type TenantFixture } from './support/isolation-cases.js';
import { isolationChecks } from './support/isolation-suite.js';
import { createTenant, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Row-level security alone: the same isolation table, with the repositories' explicit tenant_id
 * filter switched off (TEST_RLS_ONLY, a test-build setting refused elsewhere). Every answer must
 * stay the same, because PostgreSQL itself hides the other tenant's rows.
 */
describe('Tenant isolation with RLS alone (explicit tenant filters off)', () => {
  let t: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startTestApp({ TEST_RLS_ONLY: 'true' });
    a = await seedFixture(t.http, await createTenant(t.http, 'RLS only A'), 'rlsalpha');
    b = await seedFixture(t.http, await createTenant(t.http, 'RLS only B'), 'rlsbravo');
  });
  afterAll(() => t.close());

  it('runs with the explicit filter really off', async () => {
    const { TenantContext } = await import('../src/core/tenancy/tenant-context.js');
    expect(t.app.get(TenantContext).explicitTenantFilter).toBe(false);
  });

  isolationChecks(() => ({ t, caller: a, victim: b }));
});
