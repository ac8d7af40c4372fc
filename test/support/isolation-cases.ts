import type TestAgent from 'supertest/lib/agent.js';
import { INTERNAL_TOKEN, type TestTenant } from './test-app.js';

/** One resource of each kind, made by a tenant; modules add their kinds here. */
export interface TenantFixture {
  tenant: TestTenant;
  owner: string;
  user: string;
  apiKey: string;
  /** Values unique to this tenant, to search for from the other one. */
  marker: string;
}

export async function seedFixture(http: TestAgent, tenant: TestTenant, marker: string): Promise<TenantFixture> {
  const owner = await http
    .post('/api/owners')
    .set(tenant.auth)
    .send({ owner_category: 'company', legal_name: `${marker} SARL`, email: `${marker}@example.fr` })
    .expect(201);
  const apiKeys = await http.get(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  return { tenant, owner: owner.body.id, user: tenant.adminUserId, apiKey: apiKeys.body.data[0].id, marker };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A request made by tenant A (`caller`) that names a resource by id: in the path or in the body.
 * `id` is either the other tenant's resource or a random UUID; both must answer the same 404.
 */
export interface ForeignIdCase {
  name: string;
  method: Method;
  path: (caller: TenantFixture, id: string) => string;
  body?: (caller: TenantFixture, id: string) => object;
  /** Which of the victim's resources the id is. */
  target: keyof Omit<TenantFixture, 'tenant' | 'marker'>;
  internal?: boolean;
}

export const FOREIGN_ID_CASES: ForeignIdCase[] = [
  // Owners
  { name: 'GET /api/owners/{id}', method: 'get', path: (_c, id) => `/api/owners/${id}`, target: 'owner' },
  { name: 'PUT /api/owners/{id}', method: 'put', path: (_c, id) => `/api/owners/${id}`, body: () => ({ city: 'Hijacked' }), target: 'owner' },
  { name: 'PATCH /api/owners/{id}', method: 'patch', path: (_c, id) => `/api/owners/${id}`, body: () => ({ city: 'Hijacked' }), target: 'owner' },
  { name: 'DELETE /api/owners/{id}', method: 'delete', path: (_c, id) => `/api/owners/${id}`, target: 'owner' },
  // Internal API: the tenant in the path scopes every id below it.
  {
    name: 'PUT /internal/tenants/{A}/users/{id}',
    method: 'put',
    path: (c, id) => `/internal/tenants/${c.tenant.id}/users/${id}`,
    body: () => ({ display_name: 'Hijacked', disabled: true }),
    target: 'user',
    internal: true,
  },
  {
    name: 'POST /internal/tenants/{A}/api-keys {user_id}',
    method: 'post',
    path: (c) => `/internal/tenants/${c.tenant.id}/api-keys`,
    body: (_c, id) => ({ user_id: id, name: 'stolen' }),
    target: 'user',
    internal: true,
  },
  {
    name: 'DELETE /internal/tenants/{A}/api-keys/{id}',
    method: 'delete',
    path: (c, id) => `/internal/tenants/${c.tenant.id}/api-keys/${id}`,
    target: 'apiKey',
    internal: true,
  },
];

/** Lists of tenant A, each with a filter that would match the other tenant's marker. */
export interface ListCase {
  name: string;
  path: (caller: TenantFixture, victimMarker: string) => string;
  internal?: boolean;
}

export const LIST_CASES: ListCase[] = [
  { name: 'GET /api/owners', path: () => '/api/owners?per_page=100' },
  { name: 'GET /api/owners?search', path: (_c, marker) => `/api/owners?per_page=100&search=${marker}` },
  { name: 'GET /api/owners?owner_category', path: () => '/api/owners?per_page=100&owner_category=company&sort=legal_name' },
  { name: 'GET /internal/tenants/{A}/users', path: (c) => `/internal/tenants/${c.tenant.id}/users?per_page=100`, internal: true },
  { name: 'GET /internal/tenants/{A}/api-keys', path: (c) => `/internal/tenants/${c.tenant.id}/api-keys?per_page=100`, internal: true },
];
