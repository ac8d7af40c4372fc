// `npm run bench`: what tenant isolation (a transaction per request + RLS) costs the API.
//
// Plain ESM JavaScript on purpose: tsconfig.build.json compiles src/ and db/ only, so this file
// imports the compiled app from dist/ and `npm run build` is all it needs.
//
//  1. its own database `faireplace_bench` (BENCH_DATABASE_NAME; roles faireplace_bench_owner / faireplace_bench_app),
//     on DATABASE_ADMIN_URL's server or an embedded PostgreSQL in .data/bench;
//  2. seed, about 1,000,000 rows by default: BENCH_TENANTS tenants through OnboardingService (real
//     users and keys, ~4 ms a tenant); then in bulk as the owner role (generate_series, no HTTP),
//     per tenant BENCH_OWNERS_PER_TENANT owners, 1 place, BENCH_ESTATES_PER_TENANT units and
//     BENCH_LEASES_PER_TENANT leases on them (DRAFT and ACTIVE); for "estates at scale", two more
//     tenants (real keys too): a big one with 1 owner, 1 place and BENCH_BIG_UNITS estates, a small
//     one with 1 owner, 1 place and 10 estates; then VACUUM (ANALYZE) and an exact count(*) of
//     every tenant table. Defaults: 1,000 × (tenant, user, key, 200 owners, 1 place, 300 units,
//     486 leases) + the two estates tenants (10,020 rows) = 1,000,020 rows;
//  3. the servers, all started before any load and kept running, each a child process on a free
//     127.0.0.1 port: the API with isolation on and off, and a framework-free floor (node:http + pg)
//     on and off (the floor for the owners scenarios only); an idle server costs nothing;
//  4. per scenario: a warm-up of BENCH_WARMUP s on each server (the JIT's, discarded but checked),
//     then BENCH_ROUNDS rounds of BENCH_DURATION s in which the servers take turns (ABCD, BCDA, ...:
//     a noisy minute of a shared machine hits every server, not one); the small and the big
//     tenant's estates scenarios share their rounds too (their ratio is a goal); every response must be 2xx
//     (201 for the create); per run, req/s, p50, p99 and the API process's CPU time per request
//     (bench/cpu.js); each ratio is computed per round, then reported as the median with its
//     min–max. The leases the create scenario made are deleted (and the table vacuumed) after it;
//  5. markdown tables, printed and written to bench/results.md with the commit measured; exit 1 if
//     anything failed.
//
// Run time with the defaults on a 2-core machine: about 1 min of seeding, then for the owners
// scenarios 4 servers and for the 7 others 2, each 3 s of warm-up + 5 rounds of 5 s: about 11 min.
//
// Environment: DATABASE_ADMIN_URL (optional), BENCH_DATABASE_NAME=faireplace_bench, BENCH_TENANTS=1000,
// BENCH_OWNERS_PER_TENANT=200, BENCH_ESTATES_PER_TENANT=300, BENCH_LEASES_PER_TENANT=486,
// BENCH_BIG_UNITS=10000, BENCH_CONNECTIONS=64, BENCH_ROUNDS=5, BENCH_DURATION=5, BENCH_WARMUP=3,
// DATABASE_POOL_SIZE=10, BENCH_NODE_VERSION (servers under a pinned Node from npm, e.g. 24.21.0;
// default this Node), BENCH_SCENARIOS (comma list of scenario ids or prefixes, e.g. "owners",
// "estates-list", "leases", "owners-get,estates-get-big"; default all, see SCENARIO_IDS in load.js).
// BENCH_RESULTS_FILE: write the results elsewhere (a partial run must not replace bench/results.md).
// BENCH_SMOKE=1 (`npm run bench:smoke`): a tiny seed, one round of 1 s, no warm-up, 8 connections,
// results in a temporary file: ~30 s that only checks every status (CI).
// The API children run with LOG_LEVEL=error and RATE_LIMIT_PER_HOUR=1000000000 (bench/servers.js).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_DATABASE,
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
import { estatesTable, goalsTable, leasesTable, resultsDocument, resultsTable, ratioTable } from './report.js';
import { BENCH_RATE_LIMIT_PER_HOUR, startApiServer, startFloorServer } from './servers.js';
import { measuredCommit, numberSetting, pinnedNode, SettingsError, spread, stopDatabase } from './common.js';
import { cpuTimeMs } from './cpu.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // .data/bench and dist/ are relative to the project
const MAX_PAIRS = 200_000;
const SMALL_UNITS = 10;
/** Each numbered tenant's units are owned in turn by its first (up to) this many owners. */
const LANDLORDS = 3;

const log = (message) => console.log(`[bench] ${message}`);

/** One server's rounds of one scenario: medians (with min–max of req/s) and the sums of counts. */
function summarise(rounds) {
  if (rounds.length === 0) return undefined;
  const of = (key) => spread(rounds.map((stats) => stats[key]));
  const sum = (key) => rounds.reduce((total, stats) => total + (stats[key] ?? 0), 0);
  const rps = of('rps');
  return {
    rps: rps.median,
    rpsMin: rps.min,
    rpsMax: rps.max,
    p50: of('p50').median,
    p99: of('p99').median,
    cpuPerRequestUs: of('cpuPerRequestUs')?.median,
    ok: sum('ok'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    rounds: rounds.length,
  };
}

const SMOKE = process.env.BENCH_SMOKE === '1' || process.env.BENCH_SMOKE === 'true';
const RESULTS_FILE = process.env.BENCH_RESULTS_FILE
  ? path.resolve(process.env.BENCH_RESULTS_FILE)
  : SMOKE
    ? path.join(os.tmpdir(), `faireplace-bench-smoke-${process.pid}.md`)
    : path.join(root, 'bench/results.md');

function readSettings() {
  let scenarios;
  try {
    scenarios = selectScenarioIds(process.env.BENCH_SCENARIOS);
  } catch (error) {
    throw new SettingsError(error.message);
  }
  // The smoke run's defaults: the smallest data that still exercises every scenario and probe.
  const d = SMOKE
    ? { tenants: 4, owners: 25, estates: 10, leases: 12, big: 40, connections: 8, rounds: 1, duration: 1, warmup: 0 }
    : { tenants: 1_000, owners: 200, estates: 300, leases: 486, big: 10_000, connections: 64, rounds: 5, duration: 5, warmup: 3 };
  return {
    smoke: SMOKE,
    tenants: numberSetting('BENCH_TENANTS', d.tenants, { min: 2, max: 100_000 }),
    ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', d.owners, { min: 1, max: 100_000 }),
    estatesPerTenant: numberSetting('BENCH_ESTATES_PER_TENANT', d.estates, { min: 1, max: 100_000 }),
    leasesPerTenant: numberSetting('BENCH_LEASES_PER_TENANT', d.leases, { min: 1, max: 100_000 }),
    bigUnits: numberSetting('BENCH_BIG_UNITS', d.big, { min: 1, max: 1_000_000 }),
    scenarios,
    connections: numberSetting('BENCH_CONNECTIONS', d.connections, { min: 1, max: 1_000 }),
    rounds: numberSetting('BENCH_ROUNDS', d.rounds, { min: 1, max: 50 }),
    duration: numberSetting('BENCH_DURATION', d.duration, { min: 1, max: 600 }),
    warmup: numberSetting('BENCH_WARMUP', d.warmup, { min: 0, max: 60 }),
    poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    nodeVersion: process.env.BENCH_NODE_VERSION || undefined,
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
  const commit = await measuredCommit(root); // what the run measures: dist/ as built from it

  const withEstates = settings.scenarios.some((id) => id.startsWith('estates-'));
  const withLeases = settings.scenarios.some((id) => id.startsWith('leases-'));
  const withFloor = settings.scenarios.some((id) => id.startsWith('owners-'));
  // The floor only serves the owners routes: without an owners scenario it is not started.
  const servers = SERVERS.filter(({ server }) => server === 'API' || withFloor);

  // Bounded in time: generous for start-up and seeding, then each timed run with its margins.
  const runs = settings.scenarios.reduce((sum, id) => sum + servers.filter(({ server }) => server === 'API' || id.startsWith('owners-')).length, 0);
  // Seeding measured at ~4 ms a tenant (OnboardingService) and ~25,000 bulk rows a second on 2 cores.
  const bulkRows = settings.tenants * (settings.ownersPerTenant + 1 + settings.estatesPerTenant + settings.leasesPerTenant);
  const budgetMs =
    (300 +
      settings.tenants * 0.2 +
      bulkRows / 5_000 +
      (withEstates ? settings.bigUnits / 20_000 : 0) +
      (withLeases ? 60 : 0) + // deleting what the creates added, and vacuuming
      runs * (settings.warmup + 5 + settings.rounds * (settings.duration + 3))) *
    1000;
  const watchdog = setTimeout(() => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded; cleaning up`, 1), budgetMs);

  try {
    log(`settings: ${JSON.stringify(settings)}`);
    database = await prepareBenchDatabase(log);
    const where = database.embedded ? 'embedded PostgreSQL (.data/bench)' : `DATABASE_ADMIN_URL server ${serverOf(database.urls.adminUrl)}`;
    log(`database ${BENCH_DATABASE} ready on ${where}`);
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

    const nodeBinary = settings.nodeVersion ? await pinnedNode(settings.nodeVersion) : process.execPath;
    const nodeLabel = settings.nodeVersion ? `Node ${settings.nodeVersion} (${nodeBinary})` : `Node ${process.versions.node} (this runner's)`;
    log(`servers run under ${nodeLabel}`);

    // Every server started (at once) and probed before any load; they stay up for the whole run.
    const launched = await Promise.all(
      servers.map(async ({ server: kind, isolation }) => {
        const label = `${kind}, isolation ${isolation}`;
        const options = { root, isolation: isolation === 'on', urls: database.urls, poolSize: settings.poolSize, keys, nodeBinary };
        try {
          const server = await (kind === 'API' ? startApiServer(options) : startFloorServer(options));
          running.add(server);
          return { kind, isolation, label, server };
        } catch (error) {
          failures.push(`${label}: did not start: ${error.message.split('\n')[0]}`);
          log(`${label}: did not start:\n${error.message}`);
          return undefined;
        }
      }),
    );
    const live = [];
    for (const entry of launched.filter(Boolean)) {
      const { kind, label, server } = entry;
      log(`${label}: pid ${server.pid} on ${server.baseUrl}`);
      const observed = {};
      const problems = await probe(server.baseUrl, data, {
        withEstates: kind === 'API',
        withLeases: kind === 'API',
        rateLimit: kind === 'API' ? BENCH_RATE_LIMIT_PER_HOUR : undefined,
        observed,
      }).catch((error) => [error.message]);
      if (kind === 'API') {
        rateLimitHeaders.push(observed.rateLimit ?? 'none');
        log(`${label}: X-RateLimit-Limit ${observed.rateLimit ?? '(not sent: no limiter)'}`);
      }
      for (const problem of problems) failures.push(`${label}: probe: ${problem}`);
      live.push(entry);
    }

    const runOne = async (entry, scenario, duration) => {
      const before = cpuTimeMs(entry.server.pid);
      const stats = await measure(entry.server.baseUrl, scenario, { connections: settings.connections, duration });
      const after = cpuTimeMs(entry.server.pid);
      const requests = stats.ok + stats.non2xx;
      stats.cpuMs = before !== undefined && after !== undefined ? after - before : undefined;
      stats.cpuPerRequestUs = stats.cpuMs !== undefined && requests > 0 ? (stats.cpuMs * 1000) / requests : undefined;
      return stats;
    };

    // Scenarios compared with each other are measured in the same rounds: the small and the big
    // tenant's list (and get) take turns with each other as well as between servers.
    const blockOf = (scenario) => (scenario.size ? scenario.id.replace(/-(small|big)$/, '') : scenario.id);
    const blocks = [];
    for (const scenario of scenarios) {
      const block = blocks.find((candidate) => blockOf(candidate[0]) === blockOf(scenario));
      if (block) block.push(scenario);
      else blocks.push([scenario]);
    }
    for (const block of blocks) {
      const cells = block.flatMap((scenario) =>
        live
          .filter(({ kind }) => kind === 'API' || scenario.floor)
          .map((entry) => {
            const row = { scenario, server: entry.kind, isolation: entry.isolation, rounds: [] };
            rows.push(row);
            return { entry, row, scenario };
          }),
      );
      if (settings.warmup > 0) {
        for (const { entry, scenario } of cells) {
          if (entry.server.crashed) continue;
          const warm = await runOne(entry, scenario, settings.warmup);
          for (const problem of runProblems(warm, scenario)) failures.push(`${entry.label}, ${scenario.title}, warm-up: ${problem}`);
        }
      }
      for (let round = 0; round < settings.rounds; round++) {
        // ABCD, BCDA, CDAB, ...: each server in each position, none always after the same one.
        const order = cells.map((_, i) => cells[(i + round) % cells.length]);
        for (const { entry, row, scenario } of order) {
          if (entry.server.crashed) continue;
          const stats = await runOne(entry, scenario, settings.duration);
          stats.round = round + 1;
          row.rounds.push(stats);
          const problems = runProblems(stats, scenario);
          for (const problem of problems) failures.push(`${entry.label}, ${scenario.title}, round ${round + 1}: ${problem}`);
          log(
            `round ${round + 1} ${entry.label}, ${scenario.title}: ${stats.rps.toFixed(1)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms, ` +
              `CPU ${stats.cpuPerRequestUs?.toFixed(0) ?? '–'} µs/request, non-2xx ${stats.non2xx}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
          );
        }
      }
      for (const { row } of cells) row.stats = summarise(row.rounds);
      if (block.some((scenario) => scenario.id === 'leases-create')) {
        // What the creates (and probes) added goes, so the next scenario reads the seeded data.
        started = Date.now();
        const deleted = await deleteLeasesSince({ ownerUrl: database.urls.ownerUrl, since: seededAt });
        cleanups.push({ label: 'after the create scenario (both API servers)', deleted, ms: Date.now() - started });
        log(`deleted the ${deleted} leases the load created, vacuumed leases (${Date.now() - started} ms)`);
      }
    }
    for (const { label, server } of live) {
      if (server.crashed) {
        failures.push(`${label}: the server exited during the run (${JSON.stringify(server.exitInfo)})`);
        log(`${label} output:\n${server.output}`);
      }
      await server.stop();
      running.delete(server);
    }

    const cpus = os.cpus();
    const document = resultsDocument({
      date,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
        memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: nodeLabel,
        runnerNode: process.version,
        commit,
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
    console.log(`\n${resultsTable(rows)}\n\n${ratioTable(rows, scenarios)}\n${estatesPart}${leasesPart}\n${goalsTable(rows, settings)}\n`);
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
