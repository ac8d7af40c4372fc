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
 */
export async function seedTenants({ appUrl, tenants, concurrency, log }) {
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../dist/src/app.module.js');
  const { loadConfig } = await import('../dist/src/config/app-config.js');
  const { OnboardingService } = await import('../dist/src/internal/tenants/onboarding.service.js');

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
    const created = new Array(tenants);
    let next = 0;
    const worker = async () => {
      while (next < tenants) {
        const index = next++;
        const { tenant, apiKey } = await onboarding.createTenantWithAdmin(
          `Bench tenant ${String(index + 1).padStart(5, '0')}`,
          `admin${index + 1}@bench.example`,
        );
        created[index] = { tenantId: tenant.id, key: apiKey.key };
        if ((index + 1) % 500 === 0) log(`  ${index + 1}/${tenants} tenants`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, tenants) }, worker));
    return created;
  } finally {
    await app.close();
  }
}

/**
 * Owners in bulk, as the owner role (BYPASSRLS, so one INSERT ... SELECT covers every tenant):
 * a mix of individuals and companies, created_at spread so the default list order is meaningful.
 * Then VACUUM ANALYZE so both modes start from the same, planned, all-visible tables.
 */
export async function seedOwners({ ownerUrl, ownersPerTenant }) {
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
         FROM tenants t CROSS JOIN generate_series(1, $1::int) AS g`,
      [ownersPerTenant],
    );
    await owner.query('VACUUM (ANALYZE) tenants, users, api_keys, owners');
    const { rows } = await owner.query('SELECT count(*)::int AS count FROM owners');
    return rows[0].count;
  } finally {
    await owner.end();
  }
}

/**
 * The (tenant, owner id) pairs the load rotates over: every owner of every tenant, or a random
 * sample of at most `limit` in total (spread evenly over the tenants) for very large seeds.
 */
export async function loadOwnerPairs({ ownerUrl, tenants, limit }) {
  const perTenant = Math.max(1, Math.floor(limit / tenants));
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `SELECT tenant_id, id FROM (
         SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY random()) AS rn FROM owners
       ) sample WHERE rn <= $1`,
      [perTenant],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, ownerId: row.id }));
  } finally {
    await owner.end();
  }
}
