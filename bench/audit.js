// `npm run bench:audit`: what the audit trail costs on POST /api/leases (issue 15).
//
// The same build, one seeded database, two API children: audit ON (as in service) and audit OFF
// (BENCH_AUDIT_OFF=true, a setting the API accepts only with NODE_ENV=bench: the trail records
// nothing, everything else identical). Rounds INTERLEAVE (on, off, off, on, on, off, ...), so a slow
// minute of a shared machine hits both; each round starts a fresh child (isolation on, the app
// role), warms it up, measures, stops it, then deletes the leases and audit events it made. Medians
// of req/s, p50 and p99 per setting, and their ratio, go to bench/results-audit.md.
//
// Environment: DATABASE_ADMIN_URL (optional; else an embedded PostgreSQL in .data/bench),
// BENCH_ROUNDS=3 (per setting), BENCH_TENANTS=20, BENCH_OWNERS_PER_TENANT=5, BENCH_ESTATES_PER_TENANT=20,
// BENCH_LEASES_PER_TENANT=10, BENCH_CONNECTIONS=16, BENCH_DURATION=8, BENCH_WARMUP=2, DATABASE_POOL_SIZE=10.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseNow, loadLeaseSamples, postgresVersion, prepareBenchDatabase, seedOwners, seedPortfolio, seedTenants, vacuumAnalyze } from './database.js';
import { buildScenarios, measure, runProblems } from './load.js';
import { numberSetting, stopDatabase } from './common.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (message) => console.log(`[bench:audit] ${message}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const settings = {
  rounds: numberSetting('BENCH_ROUNDS', 3, { min: 1, max: 20 }),
  tenants: numberSetting('BENCH_TENANTS', 20, { min: 1, max: 10_000 }),
  ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 5, { min: 1, max: 10_000 }),
  estatesPerTenant: numberSetting('BENCH_ESTATES_PER_TENANT', 20, { min: 1, max: 10_000 }),
  leasesPerTenant: numberSetting('BENCH_LEASES_PER_TENANT', 10, { min: 1, max: 10_000 }),
  connections: numberSetting('BENCH_CONNECTIONS', 16, { min: 1, max: 1_000 }),
  duration: numberSetting('BENCH_DURATION', 8, { min: 1, max: 600 }),
  warmup: numberSetting('BENCH_WARMUP', 2, { min: 0, max: 60 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
};

const SETTINGS = [
  { label: 'audit on', env: {} },
  { label: 'audit off', env: { BENCH_AUDIT_OFF: 'true' } },
];

/** Back to the seeded state: the leases and audit events the last round created go. */
async function cleanUp(ownerUrl, since) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    const { rowCount: events } = await owner.query('DELETE FROM audit_events WHERE created_at >= $1', [since]);
    const { rowCount: leases } = await owner.query('DELETE FROM leases WHERE created_at >= $1', [since]);
    await owner.query('COMMIT');
    await owner.query('VACUUM (ANALYZE) leases, audit_events');
    return { events, leases };
  } finally {
    await owner.end();
  }
}

let database;
try {
  log(`settings: ${JSON.stringify(settings)}`);
  // Its own database: other benchmarks on this machine keep theirs.
  database = await prepareBenchDatabase(log, 'faireplace_bench_audit');
  const { urls } = database;
  const postgres = await postgresVersion(urls.adminUrl);
  const { keys } = await seedTenants({ appUrl: urls.appUrl, tenants: settings.tenants, concurrency: Math.min(8, settings.poolSize), log });
  const tenantIds = keys.map(({ tenantId }) => tenantId);
  await seedOwners({ ownerUrl: urls.ownerUrl, ownersPerTenant: settings.ownersPerTenant, tenantIds });
  const portfolio = await seedPortfolio({ ownerUrl: urls.ownerUrl, tenantIds, estatesPerTenant: settings.estatesPerTenant, leasesPerTenant: settings.leasesPerTenant, landlords: 1 });
  await vacuumAnalyze(urls.ownerUrl, ['tenants', 'users', 'api_keys', 'owners', 'places', 'estates', 'leases', 'audit_events']);
  const samples = await loadLeaseSamples({ ownerUrl: urls.ownerUrl, tenantIds, limit: 100_000 });
  const [scenario] = buildScenarios({ keys, pairs: [], leases: { pairs: samples.leases, estates: samples.estates } }, ['leases-create']);
  log(`${keys.length} tenants, ${portfolio.estates} units, ${portfolio.leases} leases seeded`);

  const rounds = [];
  for (let round = 1; round <= settings.rounds; round++) {
    // ABBA order over two rounds: neither setting always gets the warmer machine.
    const order = round % 2 === 1 ? SETTINGS : [...SETTINGS].reverse();
    for (const { label, env } of order) {
      const since = await databaseNow(urls.ownerUrl);
      const server = await startApiServer({ root, isolation: true, urls, poolSize: settings.poolSize, env });
      let stats;
      try {
        if (settings.warmup > 0) await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
        stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
      } finally {
        // Stopped first: requests still in flight when the load ends commit before the count.
        await server.stop();
      }
      const problems = runProblems(stats, scenario);
      if (problems.length > 0) throw new Error(`${label}, round ${round}: ${problems.join('; ')}`);
      const made = await cleanUp(urls.ownerUrl, since);
      // The switch really switched: audit on wrote one event per lease, audit off none.
      const expected = label === 'audit on' ? made.leases : 0;
      if (made.events !== expected) throw new Error(`${label}, round ${round}: ${made.events} audit events for ${made.leases} leases (expected ${expected})`);
      rounds.push({ round, label, ...stats, leases: made.leases, events: made.events });
      log(`round ${round} ${label}: ${stats.rps.toFixed(0)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms (${made.leases} leases, ${made.events} audit events)`);
    }
  }

  const summary = SETTINGS.map(({ label }) => {
    const mine = rounds.filter((row) => row.label === label);
    return { label, rps: median(mine.map((row) => row.rps)), p50: median(mine.map((row) => row.p50)), p99: median(mine.map((row) => row.p99)) };
  });
  const [on, off] = summary;
  const cost = (1 - on.rps / off.rps) * 100;
  const lines = [
    '# What the audit trail costs: POST /api/leases',
    '',
    `Measured by \`npm run bench:audit\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (shared), ${postgres}, Node ${process.versions.node}.`,
    `POST /api/leases (a unit of a random tenant per request, isolation on, the app role), ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s,`,
    `${settings.rounds} interleaved rounds per setting on one database (${settings.tenants} tenants × ${settings.estatesPerTenant} units, ${settings.leasesPerTenant} leases each); a fresh API child per round,`,
    'the leases and audit events a round made deleted after it. "audit off" is the same build with BENCH_AUDIT_OFF=true (bench only). Medians below.',
    '',
    '| setting | req/s | p50 | p99 |',
    '|---|---|---|---|',
    ...summary.map(({ label, rps, p50, p99 }) => `| ${label} | ${rps.toFixed(0)} | ${p50} ms | ${p99} ms |`),
    '',
    `**audit on ÷ audit off: ${(on.rps / off.rps).toFixed(3)}× the requests per second (${cost >= 0 ? `${cost.toFixed(1)} % slower` : `${(-cost).toFixed(1)} % faster`}; goal: under 10 %)**, p99 ${off.p99} → ${on.p99} ms.`,
    '',
    '| round | setting | req/s | p50 | p99 | leases | audit events |',
    '|---|---|---|---|---|---|---|',
    ...rounds.map((row) => `| ${row.round} | ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} ms | ${row.p99} ms | ${row.leases} | ${row.events} |`),
    '',
  ];
  writeFileSync(path.join(root, 'bench/results-audit.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  if (database) await stopDatabase(database, log);
}
