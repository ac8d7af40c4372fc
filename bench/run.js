// `npm run bench`: what tenant isolation (a transaction per request + RLS) costs the API.
//
// Plain ESM JavaScript on purpose: tsconfig.build.json compiles src/ and db/ only, so this file
// imports the compiled app from dist/ and `npm run build` is all it needs.
//
//  1. its own database `faireplace_bench` (roles faireplace_bench_owner / faireplace_bench_app),
//     on DATABASE_ADMIN_URL's server or an embedded PostgreSQL in .data/bench;
//  2. seed, about 1,000,000 rows by default: BENCH_TENANTS tenants through OnboardingService (real
//     users and keys, ~4 ms a tenant); then in bulk as the owner role (generate_series, no HTTP),
//     per tenant BENCH_OWNERS_PER_TENANT owners, 1 place, BENCH_ESTATES_PER_TENANT units and
//     BENCH_LEASES_PER_TENANT leases on them (DRAFT and ACTIVE); for "estates at scale", two more
//     tenants (real keys too): a big one with 1 owner, 1 place and BENCH_BIG_UNITS estates, a small
//     one with 1 owner, 1 place and 10 estates; then VACUUM (ANALYZE) and an exact count(*) of
//     every tenant table. Defaults: 1,000 × (tenant, user, key, 200 owners, 1 place, 300 units,
//     486 leases) + the two estates tenants (10,020 rows) = 1,000,020 rows;
//  3. four servers, one after the other, each a child process on a free 127.0.0.1 port: the API
//     with isolation on and off, and a framework-free floor (node:http + pg) on and off;
//  4. per server, GET /api/owners/{id} and GET /api/owners?per_page=20 under autocannon
//     (BENCH_CONNECTIONS, BENCH_WARMUP s warm-up, then BENCH_DURATION s), every response must be 2xx;
//     on the API only, GET /api/estates?per_page=20 and GET /api/estates/{id} as the small and as
//     the big tenant, and GET /api/leases/{id}, GET /api/leases?per_page=20 and POST /api/leases
//     (every response a 201) over all the numbered tenants; after each API server, the leases its
//     load created are deleted (and the table vacuumed), so both modes read the same data;
//  5. markdown tables, printed and written to bench/results.md; exit 1 if anything failed.
//
// Run time with the defaults on a 2-core machine: about 1 min of seeding, then 22 timed runs of
// 12 s (2 + 10) plus server start-ups: about 7 minutes in all.
//
// Environment: DATABASE_ADMIN_URL (optional), BENCH_TENANTS=1000, BENCH_OWNERS_PER_TENANT=200,
// BENCH_ESTATES_PER_TENANT=300, BENCH_LEASES_PER_TENANT=486, BENCH_BIG_UNITS=10000,
// BENCH_CONNECTIONS=32, BENCH_DURATION=10, BENCH_WARMUP=2, DATABASE_POOL_SIZE=10, BENCH_SCENARIOS
// (comma list of scenario ids or prefixes, e.g. "owners", "estates-list", "leases",
// "owners-get,estates-get-big"; default all, see SCENARIO_IDS in load.js).
// The API children run with LOG_LEVEL=error and RATE_LIMIT_PER_HOUR=1000000000 (bench/servers.js).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countRows,
  databaseNow,
  deleteLeasesSince,
  leaseFacts,
  loadLeaseSamples,
  loadOwnerPairs,
  postgresVersion,
  prepareBenchDatabase,
  seedEstates,
  seedOwners,
  seedPortfolio,
  seedTenants,
  serverOf,
  vacuumAnalyze,
} from './database.js';
import { buildScenarios, measure, probe, runProblems, selectScenarioIds } from './load.js';
import { estatesTable, leasesTable, resultsDocument, resultsTable, ratioTable } from './report.js';
import { BENCH_RATE_LIMIT_PER_HOUR, startApiServer, startFloorServer } from './servers.js';
import { numberSetting, SettingsError, stopDatabase } from './common.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // .data/bench and dist/ are relative to the project
const RESULTS_FILE = path.join(root, 'bench/results.md');
const MAX_PAIRS = 200_000;
const SMALL_UNITS = 10;
/** Each numbered tenant's units are owned in turn by its first (up to) this many owners. */
const LANDLORDS = 3;

const log = (message) => console.log(`[bench] ${message}`);

function readSettings() {
  let scenarios;
  try {
    scenarios = selectScenarioIds(process.env.BENCH_SCENARIOS);
  } catch (error) {
    throw new SettingsError(error.message);
  }
  return {
    tenants: numberSetting('BENCH_TENANTS', 1_000, { min: 1, max: 100_000 }),
    ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 200, { min: 1, max: 100_000 }),
    estatesPerTenant: numberSetting('BENCH_ESTATES_PER_TENANT', 300, { min: 1, max: 100_000 }),
    leasesPerTenant: numberSetting('BENCH_LEASES_PER_TENANT', 486, { min: 1, max: 100_000 }),
    bigUnits: numberSetting('BENCH_BIG_UNITS', 10_000, { min: 1, max: 1_000_000 }),
    scenarios,
    connections: numberSetting('BENCH_CONNECTIONS', 32, { min: 1, max: 1_000 }),
    duration: numberSetting('BENCH_DURATION', 10, { min: 1, max: 600 }),
    warmup: numberSetting('BENCH_WARMUP', 2, { min: 0, max: 60 }),
    poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  };
}

const SERVERS = [
  { server: 'API', isolation: 'on' },
  { server: 'API', isolation: 'off' },
  { server: 'floor', isolation: 'on' },
  { server: 'floor', isolation: 'off' },
];

// What must be undone however the run ends: servers (stopped by their handle) and the database.
const running = new Set();
let database;
let cleaningUp;
function cleanUp() {
  cleaningUp ??= (async () => {
    for (const server of running) await server.stop().catch(() => undefined); // SIGTERM, SIGKILL after 10 s
    running.clear();
    if (database) await stopDatabase(database, log);
  })();
  return cleaningUp;
}

function abort(reason, code) {
  log(reason);
  void cleanUp().finally(() => process.exit(code));
}
process.once('SIGINT', () => abort('interrupted; cleaning up', 130));
process.once('SIGTERM', () => abort('terminated; cleaning up', 143));

async function main() {
  const settings = readSettings();
  const failures = [];
  const date = new Date();
  const runStarted = Date.now();
  const loadBefore = os.loadavg();

  const withEstates = settings.scenarios.some((id) => id.startsWith('estates-'));
  const withLeases = settings.scenarios.some((id) => id.startsWith('leases-'));
  const withFloor = settings.scenarios.some((id) => id.startsWith('owners-'));
  // The floor only serves the owners routes: without an owners scenario it is not started.
  const servers = SERVERS.filter(({ server }) => server === 'API' || withFloor);
  const runsOf = (kind) => settings.scenarios.filter((id) => kind === 'API' || id.startsWith('owners-')).length;

  // Bounded in time: generous for start-up and seeding, then each timed run with its margins.
  const runs = servers.reduce((sum, { server }) => sum + runsOf(server), 0);
  // Seeding measured at ~4 ms a tenant (OnboardingService) and ~25,000 bulk rows a second on 2 cores.
  const bulkRows = settings.tenants * (settings.ownersPerTenant + 1 + settings.estatesPerTenant + settings.leasesPerTenant);
  const budgetMs =
    (300 +
      settings.tenants * 0.2 +
      bulkRows / 5_000 +
      (withEstates ? settings.bigUnits / 20_000 : 0) +
      (withLeases ? 2 * 60 : 0) + // deleting what each API server's creates added, and vacuuming
      runs * (settings.warmup + settings.duration + 20)) *
    1000;
  const watchdog = setTimeout(() => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded; cleaning up`, 1), budgetMs);

  try {
    log(`settings: ${JSON.stringify(settings)}`);
    database = await prepareBenchDatabase(log);
    const where = database.embedded ? 'embedded PostgreSQL (.data/bench)' : `DATABASE_ADMIN_URL server ${serverOf(database.urls.adminUrl)}`;
    log(`database faireplace_bench ready on ${where}`);
    const postgres = await postgresVersion(database.urls.adminUrl);

    const seedStarted = Date.now();
    let started = seedStarted;
    const estateTenants = withEstates
      ? [
          { size: 'big', units: settings.bigUnits, name: 'Bench big tenant', email: 'admin@big.bench.example', label: 'big' },
          { size: 'small', units: SMALL_UNITS, name: 'Bench small tenant', email: 'admin@small.bench.example', label: 'small' },
        ]
      : [];
    const { keys, extra } = await seedTenants({
      appUrl: database.urls.appUrl,
      tenants: settings.tenants,
      extra: estateTenants,
      concurrency: Math.min(8, settings.poolSize),
      log,
    });
    const tenantsMs = Date.now() - started;
    log(`${keys.length + extra.length} tenants with an admin user and an API key, through OnboardingService (${tenantsMs} ms)`);
    started = Date.now();
    const tenantIds = keys.map(({ tenantId }) => tenantId);
    const owners = await seedOwners({ ownerUrl: database.urls.ownerUrl, ownersPerTenant: settings.ownersPerTenant, tenantIds });
    log(`${owners} owners (${Date.now() - started} ms)`);
    started = Date.now();
    const landlords = Math.min(LANDLORDS, settings.ownersPerTenant);
    const portfolio = await seedPortfolio({
      ownerUrl: database.urls.ownerUrl,
      tenantIds,
      estatesPerTenant: settings.estatesPerTenant,
      leasesPerTenant: settings.leasesPerTenant,
      landlords,
    });
    log(`${portfolio.places} places, ${portfolio.estates} units, ${portfolio.leases} leases (${Date.now() - started} ms)`);

    let estates;
    let estatesTotal = 0;
    if (withEstates) {
      started = Date.now();
      const seeded = await seedEstates({
        ownerUrl: database.urls.ownerUrl,
        tenants: estateTenants.map(({ units, label }, i) => ({ tenantId: extra[i].tenantId, units, label })),
        idLimit: MAX_PAIRS,
      });
      estates = Object.fromEntries(
        estateTenants.map(({ size }, i) => [size, { ...seeded.tenants[i], key: extra[i].key }]),
      );
      estatesTotal = seeded.estates;
      log(
        `estates: big tenant ${estates.big.units} units, small tenant ${estates.small.units} units, ` +
          `${estatesTotal} in all (${Date.now() - started} ms)`,
      );
    }
    started = Date.now();
    await vacuumAnalyze(database.urls.ownerUrl);
    const vacuumMs = Date.now() - started;
    log(`VACUUM (ANALYZE) (${vacuumMs} ms)`);
    const counts = await countRows(database.urls.ownerUrl);
    const seedMs = Date.now() - seedStarted;
    log(
      `seeded ${counts.total.toLocaleString('en-US')} rows in ${(seedMs / 1000).toFixed(1)} s: ` +
        counts.tables.filter(({ rows }) => rows > 0).map(({ table, rows }) => `${table} ${rows}`).join(', '),
    );
    const seededAt = await databaseNow(database.urls.ownerUrl);

    started = Date.now();
    const pairs = await loadOwnerPairs({ ownerUrl: database.urls.ownerUrl, tenantIds, limit: MAX_PAIRS });
    const leaseSamples = withLeases ? await loadLeaseSamples({ ownerUrl: database.urls.ownerUrl, tenantIds, limit: MAX_PAIRS }) : undefined;
    log(
      `load rotates over ${pairs.length} (key, owner) pairs` +
        (leaseSamples
          ? `, ${leaseSamples.leases.length} (key, lease) pairs and ${leaseSamples.estates.reduce((sum, { estateIds }) => sum + estateIds.length, 0)} units to create on`
          : '') +
        ` (${Date.now() - started} ms)`,
    );
    const leases = leaseSamples && {
      pairs: leaseSamples.leases,
      estates: leaseSamples.estates,
      facts: (tenantId, ids) => leaseFacts({ ownerUrl: database.urls.ownerUrl, tenantId, ids }),
    };
    const cleanups = [];
    const rateLimitHeaders = [];

    const data = { keys, pairs, ownersPerTenant: settings.ownersPerTenant, estates, leases };
    const scenarios = buildScenarios(data, settings.scenarios);
    const rows = [];

    for (const { server: kind, isolation } of servers) {
      const label = `${kind}, isolation ${isolation}`;
      const serverScenarios = scenarios.filter((scenario) => kind === 'API' || scenario.floor);
      const options = { root, isolation: isolation === 'on', urls: database.urls, poolSize: settings.poolSize, keys };
      let server;
      try {
        server = kind === 'API' ? await startApiServer(options) : await startFloorServer(options);
      } catch (error) {
        failures.push(`${label}: did not start: ${error.message.split('\n')[0]}`);
        log(`${label}: did not start:\n${error.message}`);
        for (const scenario of serverScenarios) rows.push({ scenario, server: kind, isolation });
        continue;
      }
      running.add(server);
      try {
        log(`${label}: pid ${server.pid} on ${server.baseUrl}`);
        const observed = {};
        const problems = await probe(server.baseUrl, data, {
          withEstates: kind === 'API',
          withLeases: kind === 'API',
          rateLimit: kind === 'API' ? BENCH_RATE_LIMIT_PER_HOUR : undefined,
          observed,
        });
        if (kind === 'API') {
          rateLimitHeaders.push(observed.rateLimit ?? 'none');
          log(`${label}: X-RateLimit-Limit ${observed.rateLimit ?? '(not sent: no limiter)'}`);
        }
        for (const problem of problems) failures.push(`${label}: probe: ${problem}`);

        for (const scenario of serverScenarios) {
          const row = { scenario, server: kind, isolation };
          rows.push(row);
          if (settings.warmup > 0) {
            const warm = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
            for (const problem of runProblems(warm, scenario)) failures.push(`${label}, ${scenario.title}, warm-up: ${problem}`);
          }
          row.stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
          const problems = runProblems(row.stats, scenario);
          for (const problem of problems) failures.push(`${label}, ${scenario.title}: ${problem}`);
          log(
            `${label}, ${scenario.title}: ${row.stats.rps.toFixed(1)} req/s, p50 ${row.stats.p50} ms, p99 ${row.stats.p99} ms, ` +
              `non-2xx ${row.stats.non2xx}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
          );
          if (server.crashed) break;
        }
      } catch (error) {
        failures.push(`${label}: ${error.message}`);
        log(`${label}: ${error.stack ?? error.message}`);
      } finally {
        if (server.crashed) {
          failures.push(`${label}: the server exited during the run (${JSON.stringify(server.exitInfo)})`);
          log(`${label} output:\n${server.output}`);
        }
        await server.stop();
        running.delete(server);
      }
      if (kind === 'API' && withLeases) {
        // What this server's creates (and probe) added goes, so the next server reads the seeded data.
        started = Date.now();
        const deleted = await deleteLeasesSince({ ownerUrl: database.urls.ownerUrl, since: seededAt });
        cleanups.push({ label, deleted, ms: Date.now() - started });
        log(`${label}: deleted the ${deleted} leases its load created, vacuumed leases (${Date.now() - started} ms)`);
      }
    }

    const cpus = os.cpus();
    const document = resultsDocument({
      date,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
        memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        postgres,
        load: { before: loadBefore, after: os.loadavg() },
      },
      database: database.embedded ? 'embedded PostgreSQL (.data/bench)' : `DATABASE_ADMIN_URL server (${serverOf(database.urls.adminUrl)})`,
      settings,
      seed: {
        tenants: keys.length,
        ownersPerTenant: settings.ownersPerTenant,
        owners,
        pairs: pairs.length,
        estatesPerTenant: settings.estatesPerTenant,
        leasesPerTenant: settings.leasesPerTenant,
        landlords,
        portfolio,
        counts,
        seedMs,
        tenantsMs,
        vacuumMs,
        leases: leaseSamples && {
          pairs: leaseSamples.leases.length,
          units: leaseSamples.estates.reduce((sum, { estateIds }) => sum + estateIds.length, 0),
          cleanups,
        },
        estates: estates && {
          big: { units: estates.big.units, ids: estates.big.estateIds.length },
          small: { units: estates.small.units, ids: estates.small.estateIds.length },
          total: estatesTotal,
        },
      },
      rows,
      scenarios,
      failures,
      runMs: Date.now() - runStarted,
      rateLimitHeaders,
    });
    writeFileSync(RESULTS_FILE, document);

    const estatesPart = withEstates ? `\n${estatesTable(rows)}\n` : '';
    const leasesPart = withLeases ? `\n${leasesTable(rows)}\n` : '';
    console.log(`\n${resultsTable(rows)}\n\n${ratioTable(rows, scenarios)}\n${estatesPart}${leasesPart}`);
    console.log(`machine: ${cpus.length} CPUs, Node ${process.version}; ${postgres}`);
    console.log(
      `seed: ${counts.total.toLocaleString('en-US')} rows in ${(seedMs / 1000).toFixed(1)} s; ` +
        `run: ${((Date.now() - runStarted) / 1000).toFixed(1)} s in all`,
    );
    console.log(`written to ${path.relative(root, RESULTS_FILE)}`);
    if (failures.length > 0) {
      console.error(`\nFAILED:\n  - ${failures.join('\n  - ')}`);
      return 1;
    }
    return 0;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`[bench] failed: ${error instanceof SettingsError ? error.message : (error?.stack ?? error)}`);
    await cleanUp();
    process.exit(1);
  },
);
