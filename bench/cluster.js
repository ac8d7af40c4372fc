// `npm run bench:cluster`: the API in cluster mode (src/cluster.ts) with 1 and with 2 workers,
// GET /api/owners/{id}, in ALTERNATING rounds on one seeded database (as bench/node-versions.js):
// each round starts `node dist/src/cluster.js` with WEB_CONCURRENCY=1 or 2, warms it up, measures,
// stops it (SIGTERM: the primary closes every worker). Reports every round, the medians, the
// scaling factor (2 workers ÷ 1, req/s) and the CPU time per request of the primary and its
// workers together, in bench/results-cluster.md. Plain ESM over dist/ (`npm run build` first).
//
// Environment: DATABASE_ADMIN_URL (optional; else an embedded PostgreSQL in .data/bench),
// BENCH_DATABASE_NAME, BENCH_ROUNDS=3, BENCH_TENANTS=100, BENCH_OWNERS_PER_TENANT=200,
// BENCH_CONNECTIONS=64, BENCH_DURATION=5, BENCH_WARMUP=3, DATABASE_POOL_SIZE=10 (per worker),
// BENCH_NODE_VERSION (the servers under a pinned Node, as bench/run.js).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOwnerPairs, postgresVersion, prepareBenchDatabase, seedOwners, seedTenants, vacuumAnalyze } from './database.js';
import { buildScenarios, measure, runProblems } from './load.js';
import { measuredCommit, numberSetting, pinnedNode, spread, stopDatabase } from './common.js';
import { cpuTimeMs } from './cpu.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (message) => console.log(`[bench:cluster] ${message}`);

const settings = {
  rounds: numberSetting('BENCH_ROUNDS', 3, { min: 1, max: 20 }),
  tenants: numberSetting('BENCH_TENANTS', 100, { min: 2, max: 10_000 }),
  ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 200, { min: 1, max: 10_000 }),
  connections: numberSetting('BENCH_CONNECTIONS', 64, { min: 1, max: 1_000 }),
  duration: numberSetting('BENCH_DURATION', 5, { min: 1, max: 600 }),
  warmup: numberSetting('BENCH_WARMUP', 3, { min: 0, max: 60 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  nodeVersion: process.env.BENCH_NODE_VERSION || undefined,
};
const WORKERS = [1, 2];

let database;
try {
  const nodeBinary = settings.nodeVersion ? await pinnedNode(settings.nodeVersion) : process.execPath;
  log(`settings: ${JSON.stringify(settings)}; servers under ${nodeBinary}`);
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
    const order = round % 2 === 1 ? WORKERS : [...WORKERS].reverse();
    for (const workers of order) {
      const server = await startApiServer({
        root,
        isolation: true,
        urls: database.urls,
        poolSize: settings.poolSize,
        nodeBinary,
        script: 'dist/src/cluster.js',
        env: { WEB_CONCURRENCY: String(workers) },
      });
      try {
        if (settings.warmup > 0) await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
        const before = cpuTimeMs(server.pid);
        const stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
        const cpu = cpuTimeMs(server.pid) - before;
        const problems = runProblems(stats, scenario);
        if (problems.length > 0) throw new Error(`${workers} workers, round ${round}: ${problems.join('; ')}`);
        const cpuPerRequestUs = (cpu * 1000) / (stats.ok + stats.non2xx);
        rounds.push({ round, workers, ...stats, cpuPerRequestUs });
        log(`round ${round}, ${workers} worker(s): ${stats.rps.toFixed(0)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms, CPU ${cpuPerRequestUs.toFixed(0)} µs/request`);
      } finally {
        await server.stop();
      }
    }
  }

  const of = (workers, key) => spread(rounds.filter((row) => row.workers === workers).map((row) => row[key]));
  const factors = spread(
    [...new Set(rounds.map((row) => row.round))].map((round) => {
      const [one, two] = WORKERS.map((workers) => rounds.find((row) => row.round === round && row.workers === workers));
      return two.rps / one.rps;
    }),
  );
  const lines = [
    '# The API in cluster mode: 1 worker and 2',
    '',
    `Measured by \`npm run bench:cluster\` on ${new Date().toISOString().slice(0, 10)} at commit \`${await measuredCommit(root)}\`: ${os.cpus().length} CPUs (shared with PostgreSQL and the load generator), ${postgres}; servers under ${settings.nodeVersion ? `Node ${settings.nodeVersion}` : process.version}.`,
    `\`node dist/src/cluster.js\` with WEB_CONCURRENCY=1 and 2 (isolation on, ${settings.poolSize} connections per worker, no REDIS_URL), GET /api/owners/{id} (a random owner of a random tenant per request), ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s,`,
    `${settings.rounds} alternating rounds on one database (${settings.tenants} tenants × ${settings.ownersPerTenant} owners); medians (min–max) below. CPU is the primary's and its workers' together.`,
    '',
    '| workers | req/s | p50 | p99 | CPU µs / request |',
    '|---|---|---|---|---|',
    ...WORKERS.map((workers) => {
      const rps = of(workers, 'rps');
      return `| ${workers} | ${rps.median.toFixed(0)} (${rps.min.toFixed(0)}–${rps.max.toFixed(0)}) | ${of(workers, 'p50').median} ms | ${of(workers, 'p99').median} ms | ${of(workers, 'cpuPerRequestUs').median.toFixed(0)} |`;
    }),
    '',
    `**2 workers ÷ 1, req/s (per round): ${factors.median.toFixed(2)}× (${factors.min.toFixed(2)}–${factors.max.toFixed(2)})**.`,
    '',
    '| round | workers | req/s | p50 | p99 | CPU µs / request |',
    '|---|---|---|---|---|---|',
    ...rounds.map((row) => `| ${row.round} | ${row.workers} | ${row.rps.toFixed(0)} | ${row.p50} ms | ${row.p99} ms | ${row.cpuPerRequestUs.toFixed(0)} |`),
    '',
  ];
  writeFileSync(path.join(root, 'bench/results-cluster.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  if (database) await stopDatabase(database, log);
}
