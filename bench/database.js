// The benchmark's own database, prepared like the test suites' (test/support/global-setup.js):
// DATABASE_ADMIN_URL's server when set, else an embedded PostgreSQL in .data/bench. Only the
// `faireplace_bench` database is ever dropped, and only to be created again.
import pg from 'pg';
import { startEmbeddedDatabase } from '../dist/src/database/embedded.js';
import { runMigrations } from '../dist/src/database/migrate.js';
import { provisionDatabase } from '../dist/src/database/provision.js';

export const BENCH_DATABASE = 'faireplace_bench';
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
export async function prepareBenchDatabase(log) {
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
        [BENCH_DATABASE],
      );
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(BENCH_DATABASE)}`);
    } finally {
      await admin.end();
    }
    const urls = {
      adminUrl,
      ownerUrl: withCredentials(adminUrl, OWNER_ROLE, OWNER_PASSWORD, BENCH_DATABASE),
      appUrl: withCredentials(adminUrl, APP_ROLE, APP_PASSWORD, BENCH_DATABASE),
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
  const config = loadConfig({
    NODE_ENV: 'bench',
    DATABASE_URL: appUrl,
    DATABASE_POOL_SIZE: String(Math.max(concurrency, 1)),
    LOG_LEVEL: 'error',
    SWAGGER_ENABLED: 'false',
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
 * seedEstates. Then VACUUM ANALYZE so both modes start from the same, planned, all-visible tables.
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
    await owner.query('VACUUM (ANALYZE) tenants, users, api_keys, owners');
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
 * apart, so the default sort -created_at is a strict order), all in one transaction. Then
 * VACUUM ANALYZE of the tables touched, so the planner knows one tenant holds most of `estates`.
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
    await owner.query('VACUUM (ANALYZE) owners, places, estates');
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
