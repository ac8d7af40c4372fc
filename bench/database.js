// The benchmark's own database, prepared like the test suites' (test/support/global-setup.js):
// DATABASE_ADMIN_URL's server when set, else an embedded PostgreSQL in .data/bench. Only the
// `faireplace_bench` database is ever dropped, and only to be created again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedDatabase } from '../dist/src/database/embedded.js';
import { runMigrations } from '../dist/src/database/migrate.js';
import { provisionDatabase } from '../dist/src/database/provision.js';

/** BENCH_DATABASE_NAME picks another name (e.g. one per engineer on a shared server); always dropped and created again. */
export const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME || 'faireplace_bench';
const OWNER_ROLE = 'faireplace_bench_owner';
const APP_ROLE = 'faireplace_bench_app';
// Local, throw-away credentials (the embedded cluster uses scram-sha-256, so they must exist).
const OWNER_PASSWORD = 'bench-owner-password';
const APP_PASSWORD = 'bench-app-password';

function withCredentials(adminUrl, user, password, database) {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** host:port of a URL, without its credentials (for reports). */
export function serverOf(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

/**
 * Starts (if needed) and provisions the bench database. Returns its URLs and `stop()`, which stops
 * the embedded cluster when this run started one (a no-op otherwise).
 */
export async function prepareBenchDatabase(log, name = BENCH_DATABASE) {
  let embedded;
  let adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    log('Starting the embedded PostgreSQL in .data/bench ...');
    embedded = await startEmbeddedDatabase('.data/bench');
    adminUrl = embedded.urls.adminUrl;
  }
  const stop = async () => {
    if (!embedded) return;
    const running = embedded;
    embedded = undefined;
    await running.stop();
  };
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    const urls = {
      adminUrl,
      ownerUrl: withCredentials(adminUrl, OWNER_ROLE, OWNER_PASSWORD, name),
      appUrl: withCredentials(adminUrl, APP_ROLE, APP_PASSWORD, name),
    };
    await provisionDatabase(urls);
    await runMigrations(urls.ownerUrl);
    return { urls, embedded: Boolean(embedded), stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** `SELECT version()` of the server the bench runs on. */
export async function postgresVersion(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT version() AS version');
    return rows[0].version;
  } finally {
    await client.end();
  }
}

/**
 * Tenants, their admin users and live API keys through the app's own OnboardingService (one
 * tenant transaction each, as the app role under RLS), so the keys are real: generated, hashed
 * and verified by the same code as in production. The Nest application context is loaded only
 * for this and closed before any measurement.
 *
 * `tenants` numbered bench tenants ("Bench tenant 00001", admin1@bench.example, ...), then one per
 * entry of `extra` ({ name, email }), all in the one application context. Returns
 * { keys: [{ tenantId, key }] of the numbered ones, extra: the same for `extra`, in order }.
 */
export async function seedTenants({ appUrl, tenants, extra = [], concurrency, log }) {
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../dist/src/app.module.js');
  const { loadConfig } = await import('../dist/src/config/app-config.js');
  const { OnboardingService } = await import('../dist/src/internal/tenants/onboarding.service.js');

  const specs = [
    ...Array.from({ length: tenants }, (_, index) => ({
      name: `Bench tenant ${String(index + 1).padStart(5, '0')}`,
      email: `admin${index + 1}@bench.example`,
    })),
    ...extra,
  ];
  const { benchSigningSecrets } = await import('./servers.js');
  const config = loadConfig({
    NODE_ENV: 'bench',
    DATABASE_URL: appUrl,
    DATABASE_POOL_SIZE: String(Math.max(concurrency, 1)),
    LOG_LEVEL: 'error',
    SWAGGER_ENABLED: 'false',
    JOBS_WORKERS: 'false',
    ...(await benchSigningSecrets(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'))),
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['fatal', 'error'] });
  try {
    const onboarding = app.get(OnboardingService);
    const created = new Array(specs.length);
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        const index = next++;
        const { tenant, apiKey } = await onboarding.createTenantWithAdmin(specs[index].name, specs[index].email);
        created[index] = { tenantId: tenant.id, key: apiKey.key };
        if ((index + 1) % 500 === 0) log(`  ${index + 1}/${specs.length} tenants`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
    return { keys: created.slice(0, tenants), extra: created.slice(tenants) };
  } finally {
    await app.close();
  }
}

/**
 * Owners in bulk, as the owner role (BYPASSRLS, so one INSERT ... SELECT covers every tenant):
 * a mix of individuals and companies, created_at spread so the default list order is meaningful.
 * Only for the numbered bench tenants (`tenantIds`): the estates tenants get theirs from
 * seedEstates. No VACUUM here: vacuumAnalyze() runs once, after the whole seed.
 */
export async function seedOwners({ ownerUrl, ownersPerTenant, tenantIds }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `INSERT INTO owners (tenant_id, id, owner_category, title, first_name, last_name, legal_name,
                           email, mobile_phone, street_name, postal_code, city, country, created_at, updated_at)
       SELECT t.id, gen_random_uuid(),
              CASE WHEN g % 5 = 0 THEN 'company' ELSE 'individual' END,
              CASE WHEN g % 5 = 0 THEN NULL WHEN g % 2 = 0 THEN 'Mme' ELSE 'M.' END,
              CASE WHEN g % 5 = 0 THEN NULL ELSE 'Prénom ' || g END,
              'Nom ' || g,
              CASE WHEN g % 5 = 0 THEN 'Société ' || g || ' SARL' END,
              'owner' || g || '@bench.example', '+33612345678', g || ' rue de la Paix',
              lpad((g % 95000 + 1000)::text, 5, '0'), 'Lyon', 'FR',
              now() - g * interval '1 minute', now() - g * interval '1 minute'
         FROM tenants t CROSS JOIN generate_series(1, $1::int) AS g
        WHERE t.id = ANY($2::uuid[])`,
      [ownersPerTenant, tenantIds],
    );
    const { rows } = await owner.query('SELECT count(*)::int AS count FROM owners WHERE tenant_id = ANY($1::uuid[])', [tenantIds]);
    return rows[0].count;
  } finally {
    await owner.end();
  }
}

/**
 * The (tenant, owner id) pairs the load rotates over: every owner of every tenant, or a random
 * sample of at most `limit` in total (spread evenly over the tenants) for very large seeds.
 */
export async function loadOwnerPairs({ ownerUrl, tenantIds, limit }) {
  const perTenant = Math.max(1, Math.floor(limit / tenantIds.length));
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `SELECT tenant_id, id FROM (
         SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY random()) AS rn
           FROM owners WHERE tenant_id = ANY($2::uuid[])
       ) sample WHERE rn <= $1`,
      [perTenant, tenantIds],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, ownerId: row.id }));
  } finally {
    await owner.end();
  }
}

/**
 * The "estates at scale" tenants, in bulk as the owner role: for each { tenantId, units }, one
 * owner, one place and `units` estates (a mix of types, sizes and floors; created_at one second
 * apart, so the default sort -created_at is a strict order), all in one transaction (the
 * runner's vacuumAnalyze() follows, so the planner knows one tenant holds many estates).
 * Returns, per tenant, its place id and the ids the load picks from (all of them, or a random
 * sample of `idLimit`).
 */
export async function seedEstates({ ownerUrl, tenants, idLimit }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const seeded = [];
    await owner.query('BEGIN');
    try {
      for (const { tenantId, units, label } of tenants) {
        const {
          rows: [{ id: ownerId }],
        } = await owner.query(
          `INSERT INTO owners (tenant_id, id, owner_category, legal_name, email, street_name, postal_code, city, country)
           VALUES ($1, gen_random_uuid(), 'sci', $2, $3, '1 place Bellecour', '69002', 'Lyon', 'FR')
           RETURNING id`,
          [tenantId, `SCI ${label}`, `${label}@bench.example`],
        );
        const {
          rows: [{ id: placeId }],
        } = await owner.query(
          `INSERT INTO places (tenant_id, id, owner_id, name, place_category, legal_regime, street_name, postal_code, city, number_of_floor)
           VALUES ($1, gen_random_uuid(), $2, $3, 'collective', 'copropriete', '1 place Bellecour', '69002', 'Lyon', 20)
           RETURNING id`,
          [tenantId, ownerId, `Résidence ${label}`],
        );
        await owner.query(
          `INSERT INTO estates (tenant_id, id, place_id, owner_id, name, estate_type, area, floor, number_of_room,
                                created_at, updated_at)
           SELECT $1, gen_random_uuid(), $2, $3, 'Lot ' || n,
                  (ARRAY['apartment', 'house', 'studio', 'room', 'parking', 'commercial', 'office', 'other'])[1 + n % 8],
                  (15 + n % 120)::numeric + (n % 100) / 100.0, n % 20, 1 + n % 6,
                  now() - n * interval '1 second', now() - n * interval '1 second'
             FROM generate_series(1, $4::int) AS n`,
          [tenantId, placeId, ownerId, units],
        );
        seeded.push({ tenantId, placeId, units });
      }
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const tenant of seeded) {
      const { rows } = await owner.query(
        `SELECT id FROM estates WHERE tenant_id = $1 ${tenant.units > idLimit ? 'ORDER BY random() ' : ''}LIMIT $2`,
        [tenant.tenantId, idLimit],
      );
      tenant.estateIds = rows.map((row) => row.id);
    }
    const { rows } = await owner.query('SELECT count(*)::int AS count FROM estates');
    return { tenants: seeded, estates: rows[0].count };
  } finally {
    await owner.end();
  }
}

/**
 * The numbered tenants' portfolio, in bulk as the owner role (generate_series, no HTTP), in one
 * transaction: per tenant 1 place (a building) owned by its first owner, `estatesPerTenant` units
 * in it (owned in turn by its first `landlords` owners), and `leasesPerTenant` leases on those
 * units: lease g on unit 1 + (g - 1) % estatesPerTenant, so the first round of leases covers every
 * unit once and any further leases are second leases on the same units. A first-round lease is
 * ACTIVE (started 2022–2024) for 3 units in 4, else DRAFT; every other lease is a DRAFT starting
 * in 2026. The units' rental_status agrees (RENTED where a lease is ACTIVE). Types, rents and
 * payment days vary with g; deposits are one month of rent (within every lease type's cap);
 * created_at is spread a minute apart so the default sort is meaningful.
 * Needs the tenants' owners (seedOwners) first. Returns the rows inserted per table.
 */
export async function seedPortfolio({ ownerUrl, tenantIds, estatesPerTenant, leasesPerTenant, landlords }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    try {
      await owner.query(
        `CREATE TEMP TABLE bench_landlords ON COMMIT DROP AS
           SELECT tenant_id, id, k FROM (
             SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at DESC, id DESC) AS k
               FROM owners WHERE tenant_id = ANY($1::uuid[])
           ) ranked WHERE k <= $2::int`,
        [tenantIds, landlords],
      );
      await owner.query(
        `CREATE TEMP TABLE bench_places ON COMMIT DROP AS
           SELECT tenant_id, gen_random_uuid() AS id, id AS owner_id FROM bench_landlords WHERE k = 1`,
      );
      const { rowCount: places } = await owner.query(
        `INSERT INTO places (tenant_id, id, owner_id, name, place_category, legal_regime, street_number, street_name,
                             postal_code, city, country, number_of_floor)
         SELECT tenant_id, id, owner_id, 'Résidence du Parc', 'collective', 'copropriete', '12', 'rue Mercière',
                '69002', 'Lyon', 'FR', 6
           FROM bench_places`,
      );
      await owner.query(
        `CREATE TEMP TABLE bench_estates ON COMMIT DROP AS
           SELECT p.tenant_id, n, gen_random_uuid() AS id, p.id AS place_id
             FROM bench_places p CROSS JOIN generate_series(1, $1::int) AS n`,
        [estatesPerTenant],
      );
      const { rowCount: estates } = await owner.query(
        `INSERT INTO estates (tenant_id, id, place_id, owner_id, name, estate_type, area, floor, number_of_room,
                              lot_number, rent_amount, rental_status, created_at, updated_at)
         SELECT e.tenant_id, e.id, e.place_id, l.id, 'Lot ' || e.n,
                (ARRAY['apartment', 'apartment', 'studio', 'house', 'room', 'parking', 'commercial', 'office'])[1 + e.n % 8],
                (12 + e.n % 140)::numeric + (e.n % 100) / 100.0, e.n % 7, 1 + e.n % 5, lpad(e.n::text, 4, '0'),
                (400 + e.n * 37 % 1200)::numeric,
                CASE WHEN e.n <= $2::int AND e.n % 4 <> 0 THEN 'RENTED' ELSE 'VACANT' END,
                now() - e.n * interval '1 minute', now() - e.n * interval '1 minute'
           FROM bench_estates e
           JOIN bench_landlords l ON l.tenant_id = e.tenant_id AND l.k = 1 + e.n % $1::int`,
        [landlords, leasesPerTenant],
      );
      const { rowCount: leases } = await owner.query(
        `INSERT INTO leases (tenant_id, id, estate_id, lease_type, status, start_date, rent_amount, charges_amount,
                             deposit_amount, payment_day, rent_frequency, charge_settlement_mode, created_at, updated_at)
         SELECT e.tenant_id, gen_random_uuid(), e.id,
                (ARRAY['unfurnished', 'furnished', 'student', 'commercial', 'parking'])[1 + g % 5],
                CASE WHEN g <= $1::int AND g % 4 <> 0 THEN 'ACTIVE' ELSE 'DRAFT' END,
                CASE WHEN g <= $1::int AND g % 4 <> 0 THEN date '2022-01-01' + g * 7 % 1000 ELSE date '2026-01-01' + g % 180 END,
                (400 + g * 37 % 1200)::numeric, (20 + g % 90)::numeric, (400 + g * 37 % 1200)::numeric,
                1 + g % 28, 'monthly', 'provision',
                now() - g * interval '1 minute', now() - g * interval '1 minute'
           FROM generate_series(1, $2::int) AS g
           JOIN bench_estates e ON e.n = 1 + (g - 1) % $1::int`,
        [estatesPerTenant, leasesPerTenant],
      );
      await owner.query('COMMIT');
      return { places, estates, leases };
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await owner.end();
  }
}

/** VACUUM (ANALYZE) of every seeded table: all-visible, planned tables for both modes. */
export async function vacuumAnalyze(ownerUrl, tables = ['tenants', 'users', 'api_keys', 'owners', 'places', 'estates', 'leases']) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`VACUUM (ANALYZE) ${tables.map((table) => owner.escapeIdentifier(table)).join(', ')}`);
  } finally {
    await owner.end();
  }
}

/**
 * Exact row counts (count(*)) of `tenants` and of every table with a tenant_id column, in
 * migration order (the order of their OIDs); with the total.
 */
export async function countRows(ownerUrl) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows: tables } = await owner.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (c.relname = 'tenants'
               OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
        ORDER BY c.oid`,
    );
    const counts = [];
    for (const { name } of tables) {
      const { rows } = await owner.query(`SELECT count(*)::bigint AS count FROM ${owner.escapeIdentifier(name)}`);
      counts.push({ table: name, rows: Number(rows[0].count) });
    }
    return { tables: counts, total: counts.reduce((sum, { rows }) => sum + rows, 0) };
  } finally {
    await owner.end();
  }
}

/**
 * What the lease scenarios pick from: (tenant, lease id) pairs for GET, and per tenant the unit
 * ids a create may name; every row of each, or a random sample of at most `limit` in all (spread
 * evenly over the tenants).
 */
export async function loadLeaseSamples({ ownerUrl, tenantIds, limit }) {
  const perTenant = Math.max(1, Math.floor(limit / tenantIds.length));
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const sample = (table) =>
    owner.query(
      `SELECT tenant_id, id FROM (
         SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY random()) AS rn
           FROM ${table} WHERE tenant_id = ANY($2::uuid[])
       ) sample WHERE rn <= $1`,
      [perTenant, tenantIds],
    );
  try {
    const leases = (await sample('leases')).rows.map((row) => ({ tenantId: row.tenant_id, leaseId: row.id }));
    const byTenant = new Map();
    for (const row of (await sample('estates')).rows) {
      if (!byTenant.has(row.tenant_id)) byTenant.set(row.tenant_id, []);
      byTenant.get(row.tenant_id).push(row.id);
    }
    const estates = [...byTenant].map(([tenantId, estateIds]) => ({ tenantId, estateIds }));
    return { leases, estates };
  } finally {
    await owner.end();
  }
}

/** For the probes, as the owner role: a tenant's lease count (`total`), and how many of `ids` are not its leases (`foreign_ids`). */
export async function leaseFacts({ ownerUrl, tenantId, ids = [] }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `SELECT (SELECT count(*)::int FROM leases WHERE tenant_id = $1) AS total,
              (SELECT count(*)::int FROM unnest($2::uuid[]) AS asked(id)
                WHERE NOT EXISTS (SELECT 1 FROM leases l WHERE l.tenant_id = $1 AND l.id = asked.id)) AS foreign_ids`,
      [tenantId, ids],
    );
    return rows[0];
  } finally {
    await owner.end();
  }
}

/** The database's clock (to tell seeded rows from those the load creates). */
export async function databaseNow(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT now() AS now');
    return rows[0].now;
  } finally {
    await client.end();
  }
}

/**
 * Deletes the leases created since `since` (by the create scenario and the probes), then VACUUM
 * (ANALYZE) leases: the next server starts from the seeded table again. Returns how many.
 */
export async function deleteLeasesSince({ ownerUrl, since }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rowCount } = await owner.query('DELETE FROM leases WHERE created_at >= $1', [since]);
    await owner.query('VACUUM (ANALYZE) leases');
    return rowCount;
  } finally {
    await owner.end();
  }
}
