import type TestAgent from 'supertest/lib/agent.js';
import { Clock } from '../../src/core/time/clock.js';
import { createTenant, INTERNAL_TOKEN, startTestApp, type TestApp, type TestTenant } from './test-app.js';

/** IRL values for the tests: fixtures, not INSEE's figures (the catalogue is entered by hand). */
export const TEST_INDICES = [['T3-2026', 143.27], ['T3-2027', 146.02]] as const;

export interface RentSuite {
  t: TestApp;
  tenant: TestTenant;
  /** Moves the app's clock to that day (09:00 UTC): calls, payments and claims happen "then". */
  travelTo(date: string): void;
  api(method: 'get' | 'post' | 'put', path: string, body?: object): ReturnType<TestAgent['get']>;
}

/** An app, a tenant and the test IRL values: what every rent-cycle suite starts from. */
export async function startRentSuite(name: string): Promise<RentSuite> {
  const t = await startTestApp();
  const clock = t.app.get(Clock);
  const tenant = await createTenant(t.http, name);
  for (const [quarter, value] of TEST_INDICES) {
    await t.http.put(`/internal/rent-indices/${quarter}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ value, source: 'test fixture' }).expect(200);
  }
  return {
    t,
    tenant,
    travelTo: (date) => clock.advance(new Date(`${date}T09:00:00Z`).getTime() - clock.now().getTime()),
    api: (method, path, body) => {
      const request = t.http[method](path).set(tenant.auth);
      return body ? request.send(body) : request;
    },
  };
}

/** Fields of the owner, place and lessee a suite needs to differ from the defaults (a tense zone, a company landlord, a lessee's age). */
export interface LeaseSurroundings {
  owner?: Record<string, unknown>;
  place?: Record<string, unknown>;
  lessee?: Record<string, unknown>;
}

/** An ACTIVE unfurnished lease with one tenant, ready for its rent cycle. */
export async function runningLease(
  http: TestAgent,
  tenant: TestTenant,
  lease: Record<string, unknown> = {},
  label = 'Rent',
  around: LeaseSurroundings = {},
): Promise<{ leaseId: string; lesseeId: string; estateId: string }> {
  const post = async (path: string, body: object) => (await http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
  const owner = await post('/api/owners', { owner_category: 'individual', first_name: 'Claire', last_name: `${label} Bailleur`, iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', ...around.owner });
  const place = await post('/api/places', { name: `${label} Résidence`, owner_id: owner, place_category: 'collective', street_number: '12', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon', ...around.place });
  const estateId = await post(`/api/places/${place}/estates`, { name: `${label} 3B`, estate_type: 'apartment', area: 48, energy_label: lease.energy_label ?? 'C' });
  const lesseeId = await post('/api/lessees', { category: 'individual', first_name: 'Alice', last_name: `${label} Locataire`, email: 'alice@example.fr', ...around.lessee });
  const { energy_label: _label, ...fields } = lease;
  const leaseId = await post('/api/leases', {
    estate_id: estateId, lease_type: 'unfurnished', start_date: '2027-01-01', rent_amount: 800, charges_amount: 50, deposit_amount: 800, payment_day: 5, irl_reference_quarter: 'T3-2026', ...fields,
  });
  await post(`/api/leases/${leaseId}/lessees`, { lessee_id: lesseeId, role: 'tenant' });
  await http.put(`/api/leases/${leaseId}/status`).set(tenant.auth).send({ status: 'ACTIVE' }).expect(200);
  return { leaseId, lesseeId, estateId };
}
