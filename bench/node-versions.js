// `npm run bench:node`: the same build of the API under two Node.js versions, GET /api/owners/{id}.
//
// Node 20 (this process's) against a pinned Node 24 (the `node` package from npm, run through npx),
// in ALTERNATING rounds on one seeded database, so that a slow minute of a shared machine hits both:
// each round starts one API child (isolation on, as in production), warms it up, measures, stops it.
// Reports every round and the median req/s, p50 and p99 per version, and their ratio, in
// bench/results-node.md. Plain ESM over dist/ (`npm run build` first).
//
// Environment: DATABASE_ADMIN_URL (optional; else an embedded PostgreSQL in .data/bench),
// BENCH_NODE_VERSION=24.21.0, BENCH_ROUNDS=3, BENCH_TENANTS=100, BENCH_OWNERS_PER_TENANT=200,
// BENCH_CONNECTIONS=32, BENCH_DURATION=10, BENCH_WARMUP=3, DATABASE_POOL_SIZE=10.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOwnerPairs, postgresVersion, prepareBenchDatabase, seedOwners, seedTenants, vacuumAnalyze } from './database.js';
import { buildScenarios, measure, runProblems } from './load.js';
import { numberSetting, stopDatabase } from './common.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (message) => console.log(`[bench:node] ${message}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const settings = {
  version: process.env.BENCH_NODE_VERSION || '24.21.0',
  rounds: numberSetting('BENCH_ROUNDS', 3, { min: 1, max: 20 }),
  tenants: numberSetting('BENCH_TENANTS', 100, { min: 1, max: 10_000 }),
  ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 200, { min: 1, max: 10_000 }),
  connections: numberSetting('BENCH_CONNECTIONS', 32, { min: 1, max: 1_000 }),
  duration: numberSetting('BENCH_DURATION', 10, { min: 1, max: 600 }),
  warmup: numberSetting('BENCH_WARMUP', 3, { min: 0, max: 60 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
};

/** The pinned Node's binary: npx fetches the `node` package once, then it is cached. */
function pinnedNode(version) {
  return execFileSync('npx', ['-y', '-p', `node@${version}`, '--', 'node', '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
}

let database;
try {
  const binaries = [
    { label: `Node ${process.versions.node}`, binary: process.execPath },
    { label: `Node ${settings.version}`, binary: pinnedNode(settings.version) },
  ];
  log(`settings: ${JSON.stringify(settings)}; binaries: ${binaries.map(({ label, binary }) => `${label} (${binary})`).join(', ')}`);
  database = await prepareBenchDatabase(log);
  const postgres = await postgresVersion(database.urls.adminUrl);
  const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: settings.tenants, concurrency: Math.min(8, settings.poolSize), log });
  const tenantIds = keys.map(({ tenantId }) => tenantId);
  await seedOwners({ ownerUrl: database.urls.ownerUrl, ownersPerTenant: settings.ownersPerTenant, tenantIds });
  await vacuumAnalyze(database.urls.ownerUrl, ['tenants', 'users', 'api_keys', 'owners']);
  const pairs = await loadOwnerPairs({ ownerUrl: database.urls.ownerUrl, tenantIds, limit: 100_000 });
  const [scenario] = buildScenarios({ keys, pairs }, ['owners-get']);

  const rounds = [];
  for (let round = 1; round <= settings.rounds; round++) {
    // Alternate which version goes first, so neither always gets the warmer machine.
    const order = round % 2 === 1 ? binaries : [...binaries].reverse();
    for (const { label, binary } of order) {
      const server = await startApiServer({ root, isolation: true, urls: database.urls, poolSize: settings.poolSize, nodeBinary: binary });
      try {
        if (settings.warmup > 0) await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
        const stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
        const problems = runProblems(stats, scenario);
        if (problems.length > 0) throw new Error(`${label}, round ${round}: ${problems.join('; ')}`);
        rounds.push({ round, label, ...stats });
        log(`round ${round} ${label}: ${stats.rps.toFixed(0)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms`);
      } finally {
        await server.stop();
      }
    }
  }

  const summary = binaries.map(({ label }) => {
    const mine = rounds.filter((row) => row.label === label);
    return { label, rps: median(mine.map((row) => row.rps)), p50: median(mine.map((row) => row.p50)), p99: median(mine.map((row) => row.p99)) };
  });
  const [older, newer] = summary;
  const lines = [
    '# The API under two Node.js versions',
    '',
    `Measured by \`npm run bench:node\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs, ${postgres}.`,
    `GET /api/owners/{id} (a random owner of a random tenant per request, isolation on), ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s,`,
    `${settings.rounds} alternating rounds per version on one database (${settings.tenants} tenants × ${settings.ownersPerTenant} owners); medians below.`,
    '',
    '| Node | req/s | p50 | p99 |',
    '|---|---|---|---|',
    ...summary.map(({ label, rps, p50, p99 }) => `| ${label} | ${rps.toFixed(0)} | ${p50} ms | ${p99} ms |`),
    '',
    `**${newer.label} ÷ ${older.label}: ${(newer.rps / older.rps).toFixed(2)}× the requests per second**, p99 ${older.p99} → ${newer.p99} ms.`,
    '',
    '| round | Node | req/s | p50 | p99 |',
    '|---|---|---|---|---|',
    ...rounds.map((row) => `| ${row.round} | ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} ms | ${row.p99} ms |`),
    '',
  ];
  writeFileSync(path.join(root, 'bench/results-node.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  if (database) await stopDatabase(database, log);
}
