import { RequestLogWriter } from '../src/core/request-log/request-log-writer.js';
import type pg from 'pg';
import { isolationProblems } from '../src/database/self-check.js';
import { seedFixture } from './support/isolation-cases.js';
import { appRoleClient, createTenant, INTERNAL_TOKEN, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { testDatabase } from './support/test-database.js';

/** Tables of the public schema that hold no tenant data, each with the reason. */
const NOT_TENANT_OWNED: Record<string, string> = {
  schema_migrations: 'migration bookkeeping; no grant to the app role',
  tenants: 'the tenant root: isolated by its own id (policy on id)',
  credit_packages: 'the shared catalogue: same rows for every tenant, read-only (a Citus reference table)',
  rent_indices: 'the IRL published by INSEE: same rows for every tenant, written only through app.put_rent_index (a Citus reference table)',
  tenant_erasures: 'the tombstone of erased tenants (no tenant_id); no grant to the app role, reached only through the erasure functions',
};
/** Restrictive policies (they can only narrow tenant_isolation), each with the reason. */
const RESTRICTIVE_POLICIES: Record<string, string[]> = {
  outbox_messages: ['delete_delivered_only'], // the retention purge deletes a message once delivered, never one still to send
};
/** Indexes that may not lead with tenant_id, each with the reason (docs in the migration). */
const INDEXES_NOT_LEADING_WITH_TENANT: Record<string, string> = {
  api_keys_key_hash_idx: 'key lookup before the tenant is known, only via app.authenticate_api_key()',
  outbox_messages_codes_to_redact_idx: 'the redaction sweep finds expired codes of every tenant, only via app.outbox_codes_to_redact()',
  signing_links_token_hash_idx: 'a signing page\'s token is resolved before the tenant is known, only via app.signing_link()',
};

/**
 * What Postgres itself enforces, checked as the app role (never a superuser): without a tenant
 * nothing is visible; with one, nothing of another tenant can be read or written; and the catalog
 * keeps every tenant table shaped for that (RLS forced, tenant-leading keys, composite FKs).
 */
describe('Isolation inside the database', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let app: pg.Client;
  let owner: pg.Client;
  let tenantTables: string[];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenant(t.http, 'DB A');
    b = await createTenant(t.http, 'DB B');
    await seedFixture(t.http, a, 'dba'); // a row in every tenant table the API writes
    await seedFixture(t.http, b, 'dbb');
    // Written only by the internal export route (test/tenant-data.e2e-spec.ts): one export each.
    for (const tenant of [a, b]) await t.http.post(`/internal/tenants/${tenant.id}/exports`).set('X-Internal-Token', INTERNAL_TOKEN).expect(202);
    await t.app.get(RequestLogWriter).flush(); // their request log lines too
    app = await appRoleClient();
    owner = await ownerRoleClient();
    const { rows } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`,
    );
    tenantTables = rows.map((row) => row.table_name);
    // Written only by Stripe webhooks (test/credits.e2e-spec.ts): one row each, as the owner.
    for (const tenant of [a, b]) {
      await owner.query(`INSERT INTO payment_events (tenant_id, id, provider, event_id, event_type) VALUES ($1, gen_random_uuid(), 'stripe', 'evt_db_suite', 'test')`, [tenant.id]);
    }
  });
  afterAll(async () => {
    await app.end();
    await owner.end();
    await t.close();
  });

  it('connects as a role that is no superuser, cannot bypass RLS and owns nothing', async () => {
    const { rows } = await app.query(`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0]).toMatchObject({ name: 'faireplace_test_app', rolsuper: false, rolbypassrls: false });
    const owned = await app.query(`SELECT count(*)::int AS n FROM pg_class WHERE pg_has_role(current_user, relowner, 'USAGE') AND relnamespace = 'public'::regnamespace`);
    expect(owned.rows[0].n).toBe(0);
    const ddl = await app.query(`SELECT has_schema_privilege('public', 'CREATE') AS create, has_table_privilege('owners', 'TRUNCATE') AS truncate`);
    expect(ddl.rows[0]).toEqual({ create: false, truncate: false });
  });

  it('sees zero rows in every tenant table when no tenant is set (and rows exist)', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['api_keys', 'equipment', 'estates', 'owners', 'places', 'rooms', 'users']));
    // The request log's daily partitions are read through request_log (days ahead are still empty).
    for (const table of [...tenantTables.filter((name) => !/^request_log_p\d{8}$/.test(name)), 'tenants']) {
      const stored = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, stored: stored.rows[0].n > 0 }).toEqual({ table, stored: true });
      const visible = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: visible.rows[0].n }).toEqual({ table, n: 0 });
    }
  });

  it('cannot call the key lookup into a table read: the app role can only execute the function', async () => {
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM app.authenticate_api_key(decode(repeat('00', 32), 'hex'))`);
    expect(rows[0].n).toBe(0);
    const keys = await app.query(`SELECT count(*)::int AS n FROM api_keys`);
    expect(keys.rows[0].n).toBe(0);
  });

  describe('with tenant A set in a transaction', () => {
    beforeEach(async () => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    });
    afterEach(async () => {
      await app.query('ROLLBACK');
    });

    it('sees only A', async () => {
      const tenants = await app.query(`SELECT id FROM tenants`);
      expect(tenants.rows).toEqual([{ id: a.id }]);
      const owners = await app.query(`SELECT count(*)::int AS n FROM owners WHERE tenant_id = $1`, [b.id]);
      expect(owners.rows[0].n).toBe(0);
    });

    it('cannot insert a row for B', async () => {
      await expect(
        app.query(`INSERT INTO owners (tenant_id, id, owner_category, last_name) VALUES ($1, gen_random_uuid(), 'individual', 'X')`, [b.id]),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it('cannot move a row of A to B', async () => {
      await expect(app.query(`UPDATE owners SET tenant_id = $1`, [b.id])).rejects.toMatchObject({ code: '42501' });
    });

    it('cannot update or delete B\'s rows (they are invisible)', async () => {
      const updated = await app.query(`UPDATE owners SET city = 'X' WHERE tenant_id = $1`, [b.id]);
      const deleted = await app.query(`DELETE FROM owners WHERE tenant_id = $1`, [b.id]);
      expect([updated.rowCount, deleted.rowCount]).toEqual([0, 0]);
    });

    it('cannot point a row at another tenant\'s user (composite foreign key)', async () => {
      const bUser = await owner.query(`SELECT id FROM users WHERE tenant_id = $1 LIMIT 1`, [b.id]);
      await expect(
        app.query(
          `INSERT INTO api_keys (tenant_id, id, user_id, name, key_hash, prefix, last4, environment)
           VALUES ($1, gen_random_uuid(), $2, 'x', decode(repeat('ab', 32), 'hex'), 'p', 'l', 'live')`,
          [a.id, bUser.rows[0].id],
        ),
      ).rejects.toMatchObject({ code: '23503' });
    });

    it('does not keep the tenant after the transaction', async () => {
      await app.query('COMMIT');
      const { rows } = await app.query(`SELECT app.current_tenant_id() AS tenant`);
      expect(rows[0].tenant).toBeNull();
      await app.query('BEGIN'); // for afterEach
    });
  });

  describe('catalog', () => {
    it('classifies every public table as tenant-owned or explicitly shared', async () => {
      const { rows } = await owner.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`);
      const unclassified = rows.map((row) => row.name).filter((name) => !tenantTables.includes(name) && !(name in NOT_TENANT_OWNED));
      expect(unclassified).toEqual([]);
    });

    it('forces RLS with the tenant policy on every tenant table', async () => {
      const { rows } = await owner.query(
        `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                (SELECT array_agg(p.polname::text) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polpermissive) AS policies,
                (SELECT coalesce(array_agg(p.polname::text ORDER BY p.polname), '{}') FROM pg_policy p WHERE p.polrelid = c.oid AND NOT p.polpermissive) AS restrictive,
                (SELECT pg_get_expr(p.polqual, p.polrelid) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS using_expr,
                (SELECT pg_get_expr(p.polwithcheck, p.polrelid) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS check_expr
           FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
        [[...tenantTables, 'tenants']],
      );
      expect(rows).toHaveLength(tenantTables.length + 1);
      for (const row of rows) {
        const column = row.name === 'tenants' ? 'id' : 'tenant_id';
        const expected = `(${column} = ( SELECT app.current_tenant_id() AS current_tenant_id))`;
        expect(row).toEqual({ name: row.name, rls: true, forced: true, policies: ['tenant_isolation'], restrictive: RESTRICTIVE_POLICIES[row.name] ?? [], using_expr: expected, check_expr: expected });
      }
    });

    it('gives every tenant table a primary key starting with tenant_id', async () => {
      const { rows } = await owner.query(
        `SELECT c.conrelid::regclass::text AS name, (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) AS first
           FROM pg_constraint c WHERE c.contype = 'p' AND c.conrelid::regclass::text = ANY($1)`,
        [tenantTables],
      );
      expect(rows.map((row) => row.name).sort()).toEqual(tenantTables);
      for (const row of rows) expect(row).toEqual({ name: row.name, first: 'tenant_id' });
    });

    it('makes every foreign key between tenant tables composite on tenant_id', async () => {
      const { rows } = await owner.query(
        `SELECT c.conname, c.conrelid::regclass::text AS from_table, c.confrelid::regclass::text AS to_table,
                (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS from_columns,
                (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS to_columns
           FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
        [tenantTables],
      );
      const betweenTenantTables = rows.filter((row) => tenantTables.includes(row.to_table));
      expect(betweenTenantTables.length).toBeGreaterThan(0);
      for (const row of betweenTenantTables) {
        expect({ fk: row.conname, from: row.from_columns[0], to: row.to_columns[0] }).toEqual({ fk: row.conname, from: 'tenant_id', to: 'tenant_id' });
      }
      for (const row of rows.filter((r) => r.to_table === 'tenants')) expect(row.from_columns).toEqual(['tenant_id']);
    });

    it('leads every index and unique constraint of a tenant table with tenant_id', async () => {
      const { rows } = await owner.query(
        `SELECT i.indexrelid::regclass::text AS index, i.indrelid::regclass::text AS table,
                (SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[0]) AS first
           FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1)`,
        [tenantTables],
      );
      const offenders = rows.filter((row) => row.first !== 'tenant_id' && !(row.index in INDEXES_NOT_LEADING_WITH_TENANT));
      expect(offenders).toEqual([]);
    });
  });

  describe('start-up self-check', () => {
    it('passes for the app role', async () => {
      expect(await isolationProblems(async (sql) => (await app.query(sql)).rows)).toEqual([]);
    });

    it('reports a role that bypasses RLS and owns the tables', async () => {
      const problems = await isolationProblems(async (sql) => (await owner.query(sql)).rows);
      expect(problems).toEqual(expect.arrayContaining(['role "faireplace_test_owner" has BYPASSRLS', 'role "faireplace_test_owner" owns table "owners" (the app role must not be the owner)']));
    });

    it('reports a tenant table without FORCE row-level security', async () => {
      await owner.query('BEGIN');
      try {
        await owner.query('ALTER TABLE owners NO FORCE ROW LEVEL SECURITY');
        const problems = await isolationProblems(async (sql) => (await owner.query(sql)).rows);
        expect(problems).toContain('table "owners" lacks ENABLE + FORCE ROW LEVEL SECURITY');
      } finally {
        await owner.query('ROLLBACK');
      }
    });

    it('refuses to start the API connected as the owner role', async () => {
      await expect(startTestApp({ DATABASE_URL: testDatabase().ownerUrl })).rejects.toThrow(/Refusing to start: tenant isolation is not guaranteed/);
    });
  });
});
