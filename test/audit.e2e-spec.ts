import type { Request } from 'express';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { AuditPermission1765612800000, CATALOGUE_BEFORE_AUDIT } from '../db/migrations/1765612800000-audit-permission.js';
import { AUDITED_TABLES, NOT_AUDITED } from '../src/core/audit/audit-fields.js';
import { PERMISSIONS } from '../src/core/auth/permissions.js';
import { TenantContext } from '../src/core/tenancy/tenant-context.js';
import { TenantTransactions } from '../src/core/tenancy/tenant-transactions.js';
import { OwnersRepository } from '../src/modules/owners/owners.repository.js';
import {
  appRoleClient, bearer, createKey, createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp, type TestTenant,
} from './support/test-app.js';

interface AuditEventBody {
  id: string;
  created_at: string;
  actor: { type: string; user_id: string | null; key_id: string | null; key_prefix: string | null };
  request_id: string;
  ip: string | null;
  route: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  changes: { field: string; before?: unknown; after?: unknown; personal?: true }[];
}

/**
 * The audit trail (docs/audit.md): an event per row a request writes, with its caller and request,
 * written in the request's transaction; secrets redacted, personal fields named without values;
 * append-only for the app role; listed with filters, publicly and internally, per data space.
 */
describe('Audit trail', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: pg.Client;

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object, auth = tenant.auth) => {
    const request = t.http[method](path).set(auth);
    return body ? request.send(body) : request;
  };
  const create = async (path: string, body: object, requestId?: string) => {
    const request = api('post', path, body);
    if (requestId) request.set('X-Request-Id', requestId);
    return (await request.expect(201)).body.id as string;
  };
  const eventsOf = async (query: string, auth = tenant.auth): Promise<AuditEventBody[]> =>
    (await t.http.get(`/api/audit-events?per_page=100&${query}`).set(auth).expect(200)).body.data;
  const field = (event: AuditEventBody, name: string) => event.changes.find((change) => change.field === name);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Audit suite');
    other = await createTenant(t.http, 'Audit other');
    owner = await ownerRoleClient();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  describe('recording', () => {
    it('records a create with its caller, request id, address, route and the fields it set', async () => {
      const id = await create('/api/owners', { owner_category: 'company', legal_name: 'Audit SCI', email: 'gerance@audit.example' }, 'audit-create-0001');
      const [event, ...more] = await eventsOf(`resource_type=owner&resource_id=${id}`);
      expect(more).toEqual([]);
      expect(event).toMatchObject({
        actor: { type: 'api_key', user_id: tenant.adminUserId, key_prefix: tenant.key.slice(0, 12) },
        request_id: 'audit-create-0001',
        route: 'POST /api/owners',
        action: 'create',
        resource_type: 'owner',
        resource_id: id,
      });
      expect(event.actor.key_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(field(event, 'owner_category')).toEqual({ field: 'owner_category', after: 'company' });
      expect(field(event, 'legal_name')).toEqual({ field: 'legal_name', after: 'Audit SCI' });
      expect(field(event, 'email')).toEqual({ field: 'email', personal: true });
      expect(field(event, 'tenant_id')).toBeUndefined();
      expect(JSON.stringify(event)).not.toContain('gerance@audit.example');
    });

    it('records an update as the changed fields only, before and after, and a delete as the row it removed', async () => {
      const id = await create('/api/owners', { owner_category: 'company', legal_name: 'Before SARL', registration_number: '123' });
      await api('put', `/api/owners/${id}`, { legal_name: 'After SARL', registration_number: '123' }).expect(200);
      await api('delete', `/api/owners/${id}`).expect(204);
      const [deleted, updated, created] = await eventsOf(`resource_id=${id}`);
      expect([created.action, updated.action, deleted.action]).toEqual(['create', 'update', 'delete']);
      expect(updated.route).toBe('PUT /api/owners/:id');
      expect(updated.changes).toEqual([{ field: 'legal_name', before: 'Before SARL', after: 'After SARL' }]);
      expect(deleted.route).toBe('DELETE /api/owners/:id');
      expect(field(deleted, 'legal_name')).toEqual({ field: 'legal_name', before: 'After SARL' });
    });

    it('keeps every character of a value (its INSERT travels with the COMMIT as escaped literals)', async () => {
      const awkward = `L'Étoile \\ "quoted" ; COMMIT; -- 🏠 \u00e9\ttab`;
      const id = await create('/api/owners', { owner_category: 'company', legal_name: awkward }, 'audit-quote-0001');
      const [event] = await eventsOf(`resource_type=owner&resource_id=${id}`);
      expect(event.request_id).toBe('audit-quote-0001');
      expect(field(event, 'legal_name')).toEqual({ field: 'legal_name', after: awkward });
      expect((await api('get', `/api/owners/${id}`).expect(200)).body.legal_name).toBe(awkward);
    });

    it('keeps money exact and records a request that writes several rows as several events of one request', async () => {
      const ownerId = await create('/api/owners', { owner_category: 'individual', last_name: 'Bailleur' });
      const place = await create('/api/places', { name: 'Résidence', owner_id: ownerId, place_category: 'collective', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon' });
      const estate = await create(`/api/places/${place}/estates`, { name: '3B', estate_type: 'apartment' });
      const lease = await create('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 700.1 });
      await api('put', `/api/leases/${lease}`, { rent_amount: 750.25 }).expect(200);
      const [update] = await eventsOf(`resource_type=lease&resource_id=${lease}&action=update`);
      // As the API answers money: JSON numbers of at most 2 decimals (exact in jsonb, which stores numerics).
      expect(field(update, 'rent_amount')).toEqual({ field: 'rent_amount', before: 700.1, after: 750.25 });
      const bulk = await api('post', '/api/lessees/bulk', { lessees: [{ category: 'individual', last_name: 'Un' }, { category: 'individual', last_name: 'Deux' }] }).set('X-Request-Id', 'audit-bulk-000001');
      expect(bulk.status).toBe(201);
      const events = (await eventsOf('resource_type=lessee')).filter((event) => event.request_id === 'audit-bulk-000001');
      expect(events).toHaveLength(2);
      expect(events.every((event) => event.route === 'POST /api/lessees/bulk')).toBe(true);
    });

    it('redacts secrets: an API key made through the internal API shows its hash as "[redacted]", never its plaintext', async () => {
      const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] });
      const [event] = await eventsOf(`resource_type=api_key&actor=internal`);
      expect(event).toMatchObject({ actor: { type: 'internal', user_id: null, key_id: null, key_prefix: null }, route: 'POST /internal/tenants/:tenant_id/api-keys', action: 'create' });
      expect(field(event, 'key_hash')).toEqual({ field: 'key_hash', after: '[redacted]' });
      expect(field(event, 'prefix')).toEqual({ field: 'prefix', after: key.slice(0, 12) });
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE changes::text LIKE '%' || $1 || '%'`, [key.slice(12)]);
      expect(rows[0].n).toBe(0);
    });

    it('records personal fields by name only: no email, phone, birth date or income in the log', async () => {
      const id = await create('/api/lessees', { category: 'individual', first_name: 'Camille', last_name: 'Martin', email: 'camille@audit.example', mobile_phone: '+33612345678', birth_date: '1990-04-01', monthly_income: 3210.5, profession: 'Infirmière' });
      await api('put', `/api/lessees/${id}`, { email: 'c.martin@audit.example' }).expect(200);
      const [update, created] = await eventsOf(`resource_id=${id}`);
      expect(created.changes.filter((change) => change.personal).map((change) => change.field)).toEqual(['birth_date', 'email', 'first_name', 'last_name', 'mobile_phone', 'monthly_income', 'profession']);
      expect(update.changes).toEqual([{ field: 'email', personal: true }]);
      const { rows } = await owner.query(`SELECT changes::text AS text FROM audit_events WHERE resource_id = $1`, [id]);
      for (const text of ['Camille', 'Martin', 'camille@', 'c.martin', '612345678', '1990-04-01', '3210', 'Infirmi']) {
        expect(rows.map((row) => row.text).join()).not.toContain(text);
      }
    });

    it('records raw SQL writes too: a key revoked through the internal API, a unit whose rental status follows its lease', async () => {
      const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] });
      const keys = (await t.http.get(`/internal/tenants/${tenant.id}/api-keys?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data as { id: string; prefix: string }[];
      const keyId = keys.find((row) => row.prefix === key.slice(0, 12))?.id as string;
      await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${keyId}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
      const [revoked] = await eventsOf(`resource_type=api_key&resource_id=${keyId}&action=update`);
      expect(revoked.route).toBe('DELETE /internal/tenants/:tenant_id/api-keys/:key_id');
      expect(revoked.changes).toEqual([{ field: 'revoked_at', before: null, after: expect.any(String) }]);

      const ownerId = await create('/api/owners', { owner_category: 'individual', last_name: 'Statut' });
      const place = await create('/api/places', { name: 'Statut', owner_id: ownerId, place_category: 'collective', street_name: 'rue', postal_code: '69003', city: 'Lyon' });
      const estate = await create(`/api/places/${place}/estates`, { name: '1A', estate_type: 'apartment' });
      const lease = await create('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 500 });
      const lessee = await create('/api/lessees', { category: 'individual', last_name: 'Locataire' });
      await create(`/api/leases/${lease}/lessees`, { lessee_id: lessee, role: 'tenant' });
      await api('put', `/api/leases/${lease}/status`, { status: 'ACTIVE' }).set('X-Request-Id', 'audit-status-0001').expect(200);
      const events = (await eventsOf('action=update')).filter((event) => event.request_id === 'audit-status-0001');
      expect(events.find((event) => event.resource_type === 'lease')?.changes).toContainEqual({ field: 'status', before: 'DRAFT', after: 'ACTIVE' });
      expect(events.find((event) => event.resource_type === 'estate')).toMatchObject({ resource_id: estate, changes: [{ field: 'rental_status', before: 'VACANT', after: 'RENTED' }] });
    });

    it('records nothing for a request that changed nothing, a read, or a refused write', async () => {
      const id = await create('/api/owners', { owner_category: 'company', legal_name: 'Stable' });
      await api('put', `/api/owners/${id}`, { legal_name: 'Stable' }).expect(200);
      await api('get', `/api/owners/${id}`).expect(200);
      await api('put', `/api/owners/${id}`, { owner_category: 'nope' }).expect(400);
      expect((await eventsOf(`resource_id=${id}`)).map((event) => event.action)).toEqual(['create']);
    });
  });

  describe('in the transaction of the change', () => {
    /** Repository work as a request of this tenant would do it (CLS request, principal, transaction). */
    const asRequest = <T>(work: () => Promise<T>) => {
      const cls = t.app.get(ClsService);
      const request = { method: 'POST', baseUrl: '', path: '/api/owners', route: { path: '/api/owners' }, ip: '127.0.0.1', header: () => undefined } as unknown as Request;
      return cls.run(async () => {
        cls.set(CLS_REQ, request);
        t.app.get(TenantContext).setPrincipal({ kind: 'internal', tenantId: tenant.id, environment: 'live', permissions: new Set(PERMISSIONS) });
        return t.app.get(TenantTransactions).run(tenant.id, work);
      });
    };
    const countFor = async (id: string) => (await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE resource_id = $1`, [id])).rows[0].n as number;

    it('a committed write leaves its event (the control case)', async () => {
      const created = await asRequest(() => t.app.get(OwnersRepository).insert({ owner_category: 'company', legal_name: 'Committed' } as never));
      expect(await countFor(created.id)).toBe(1);
    });

    it('a write whose request fails afterwards leaves no event and no row', async () => {
      let id = '';
      await expect(
        asRequest(async () => {
          id = (await t.app.get(OwnersRepository).insert({ owner_category: 'company', legal_name: 'Rolled back' } as never)).id;
          throw new Error('the request fails after the write');
        }),
      ).rejects.toThrow('the request fails after the write');
      expect(id).not.toBe('');
      expect(await countFor(id)).toBe(0);
      expect((await owner.query('SELECT count(*)::int AS n FROM owners WHERE id = $1', [id])).rows[0].n).toBe(0);
    });
  });

  describe('append-only', () => {
    it('lets the app role insert and read its tenant\'s events, never change or delete them', async () => {
      const app = await appRoleClient();
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
        const { rows } = await app.query('SELECT count(*)::int AS n FROM audit_events');
        expect(rows[0].n).toBeGreaterThan(0);
        await app.query('SAVEPOINT s');
        await expect(app.query(`UPDATE audit_events SET action = 'delete'`)).rejects.toMatchObject({ code: '42501' });
        await app.query('ROLLBACK TO SAVEPOINT s');
        await expect(app.query('DELETE FROM audit_events')).rejects.toMatchObject({ code: '42501' });
        await app.query('ROLLBACK TO SAVEPOINT s');
        await expect(app.query('TRUNCATE audit_events')).rejects.toMatchObject({ code: '42501' });
        await app.query('ROLLBACK TO SAVEPOINT s');
        await app.query(
          `INSERT INTO audit_events (tenant_id, id, actor_type, request_id, route, action, resource_type, changes) VALUES ($1, $2, 'internal', 'r', 'POST /x', 'create', 'owner', '[]')`,
          [tenant.id, randomUuid()],
        );
        // RLS: another tenant's rows can be neither read nor written.
        await expect(app.query(
          `INSERT INTO audit_events (tenant_id, id, actor_type, request_id, route, action, resource_type, changes) VALUES ($1, $2, 'internal', 'r', 'POST /x', 'create', 'owner', '[]')`,
          [other.id, randomUuid()],
        )).rejects.toMatchObject({ code: '42501' });
      } finally {
        await app.query('ROLLBACK');
        await app.end();
      }
    });
  });

  describe('listing', () => {
    it('lists newest first, paginated, with filters', async () => {
      const ids = [await create('/api/contacts', { type_contact: 'company', category: 'insurer', legal_name: 'A' }), await create('/api/contacts', { type_contact: 'company', category: 'insurer', legal_name: 'B' }), await create('/api/contacts', { type_contact: 'company', category: 'insurer', legal_name: 'C' })];
      const page1 = await t.http.get('/api/audit-events?resource_type=contact&per_page=2').set(tenant.auth).expect(200);
      expect(page1.body.data.map((event: AuditEventBody) => event.resource_id)).toEqual([ids[2], ids[1]]);
      expect(page1.body.meta.pagination).toEqual({ current_page: 1, per_page: 2, total: 3, total_pages: 2, has_next: true, has_prev: false });
      const page2 = await t.http.get('/api/audit-events?resource_type=contact&per_page=2&page=2').set(tenant.auth).expect(200);
      expect(page2.body.data.map((event: AuditEventBody) => event.resource_id)).toEqual([ids[0]]);
      const oldest = await t.http.get('/api/audit-events?resource_type=contact&sort=created_at&per_page=1').set(tenant.auth).expect(200);
      expect(oldest.body.data[0].resource_id).toBe(ids[0]);

      expect((await eventsOf(`actor=${tenant.adminUserId}&resource_type=contact`))).toHaveLength(3);
      expect((await eventsOf(`actor=${tenant.key.slice(0, 12)}&resource_type=contact`))).toHaveLength(3);
      expect((await eventsOf('actor=internal&resource_type=contact'))).toHaveLength(0);
      expect((await eventsOf('action=delete&resource_type=contact'))).toHaveLength(0);
      expect((await eventsOf('resource_type=contact&to=2000-01-01'))).toHaveLength(0);
      expect((await eventsOf(`resource_type=contact&from=${encodeURIComponent(page1.body.data[1].created_at)}`)).length).toBeGreaterThanOrEqual(2);
    });

    it.each([
      ['resource_type=nope', 'resource_type'],
      ['resource_id=123', 'resource_id'],
      ['actor=bob', 'actor'],
      ['action=read', 'action'],
      ['from=yesterday', 'from'],
      ['to=2026-13-45T99', 'to'],
      ['sort=action', 'sort'],
      ['per_page=101', 'per_page'],
    ])('refuses %s with a 400 naming the field', async (query, name) => {
      const response = await t.http.get(`/api/audit-events?${query}`).set(tenant.auth).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(name);
    });

    it('needs audit:read (403 before any data is read)', async () => {
      const reader = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] }));
      const forbidden = await t.http.get('/api/audit-events').set(reader).expect(403);
      expect(forbidden.body.error.details.required_permissions).toEqual(['audit:read']);
    });

    it('shows each tenant its own events only', async () => {
      const mine = await create('/api/owners', { owner_category: 'company', legal_name: 'Mine only' });
      expect(await eventsOf(`resource_id=${mine}`, other.auth)).toEqual([]);
      const theirs = (await t.http.get('/api/audit-events?per_page=100').set(other.auth).expect(200)).body;
      expect(JSON.stringify(theirs)).not.toContain(tenant.adminUserId);
    });

    it('serves the same list internally, live or sandbox, each data space its own', async () => {
      const id = await create('/api/owners', { owner_category: 'company', legal_name: 'Internal view' });
      const internal = await t.http.get(`/internal/tenants/${tenant.id}/audit-events?resource_id=${id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(internal.body.data).toEqual(await eventsOf(`resource_id=${id}`));
      const sandbox = await sandboxOf(t.http, tenant);
      const sandboxOwner = (await t.http.post('/api/owners').set(sandbox.auth).send({ owner_category: 'company', legal_name: 'Sandbox' }).expect(201)).body.id;
      const sandboxList = await t.http.get(`/internal/tenants/${tenant.id}/audit-events?environment=sandbox&resource_type=owner`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(sandboxList.body.data.map((event: AuditEventBody) => event.resource_id)).toEqual([sandboxOwner]);
      expect(sandboxList.body.data[0].actor.key_prefix).toBe(sandbox.key.slice(0, 12));
      expect(await eventsOf(`resource_id=${sandboxOwner}`)).toEqual([]);
      await t.http.get(`/internal/tenants/${tenant.id}/audit-events?actor=bob`).set('X-Internal-Token', INTERNAL_TOKEN).expect(400);
      await t.http.get(`/internal/tenants/${tenant.id}/audit-events`).expect(401);
    });
  });

  it('classifies every tenant table of the database as audited or not', async () => {
    const { rows } = await owner.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    expect(rows.map((row) => row.name).filter((name) => !(name in AUDITED_TABLES) && !(name in NOT_AUDITED))).toEqual([]);
  });

  it('grants audit:read, by migration, to users who held the whole catalogue before, and to nobody else', async () => {
    const migration = new AuditPermission1765612800000();
    const runner = { query: (sql: string, parameters?: unknown[]) => owner.query(sql, parameters) } as unknown as QueryRunner;
    const users = { admin: [...CATALOGUE_BEFORE_AUDIT], editor: CATALOGUE_BEFORE_AUDIT.filter((p) => p !== 'webhooks:write'), reader: ['leases:read'] };
    await owner.query('BEGIN');
    try {
      const ids: Record<string, string> = {};
      for (const [name, permissions] of Object.entries(users)) {
        ids[name] = randomUuid();
        await owner.query(`INSERT INTO users (tenant_id, id, email, display_name, permissions) VALUES ($1, $2, $3, $3, $4)`, [tenant.id, ids[name], `${name}@audit-migration.example`, permissions]);
      }
      await migration.up(runner);
      await migration.up(runner); // twice: nothing added twice
      const { rows } = await owner.query<{ id: string; permissions: string[] }>(`SELECT id, permissions FROM users WHERE id = ANY($1)`, [Object.values(ids)]);
      const after = Object.fromEntries(rows.map((row) => [Object.keys(ids).find((name) => ids[name] === row.id), row.permissions]));
      expect(after.admin).toEqual([...CATALOGUE_BEFORE_AUDIT, 'audit:read']);
      expect(after.editor).toEqual(users.editor);
      expect(after.reader).toEqual(users.reader);
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
