// `npm run bench:profile`: a CPU profile of the API (isolation on) under load, summarised.
//
// Seeds a small database (BENCH_TENANTS=50 × BENCH_OWNERS_PER_TENANT=100 owners), starts the API
// with `node --cpu-prof`, sends BENCH_WARMUP s then BENCH_DURATION s of BENCH_PROFILE_SCENARIO
// (default owners-get) at BENCH_CONNECTIONS, stops it (the profile is written on exit), and prints
// the top BENCH_TOP self-time entries (bench/profile-summary.js). The .cpuprofile stays in
// BENCH_PROFILE_DIR (default a fresh folder under the system's temp dir) for Chrome DevTools.
// BENCH_NODE_VERSION runs the API under a pinned Node (as bench/run.js).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOwnerPairs, prepareBenchDatabase, seedOwners, seedTenants, vacuumAnalyze } from './database.js';
import { buildScenarios, measure, runProblems } from './load.js';
import { numberSetting, pinnedNode, stopDatabase } from './common.js';
import { cpuTimeMs } from './cpu.js';
import { packageTable, summarise, summaryTable } from './profile-summary.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (message) => console.log(`[bench:profile] ${message}`);

const settings = {
  tenants: numberSetting('BENCH_TENANTS', 50, { min: 2, max: 10_000 }),
  ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 100, { min: 1, max: 10_000 }),
  connections: numberSetting('BENCH_CONNECTIONS', 64, { min: 1, max: 1_000 }),
  duration: numberSetting('BENCH_DURATION', 20, { min: 1, max: 600 }),
  warmup: numberSetting('BENCH_WARMUP', 5, { min: 0, max: 60 }),
  top: numberSetting('BENCH_TOP', 15, { min: 1, max: 200 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  scenario: process.env.BENCH_PROFILE_SCENARIO || 'owners-get',
  nodeVersion: process.env.BENCH_NODE_VERSION || undefined,
};
const directory = process.env.BENCH_PROFILE_DIR || mkdtempSync(path.join(os.tmpdir(), 'faireplace-profile-'));
mkdirSync(directory, { recursive: true });

let database;
try {
  log(`settings: ${JSON.stringify(settings)}; profiles in ${directory}`);
  const nodeBinary = settings.nodeVersion ? await pinnedNode(settings.nodeVersion) : process.execPath;
  database = await prepareBenchDatabase(log);
  const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: settings.tenants, concurrency: Math.min(8, settings.poolSize), log });
  const tenantIds = keys.map(({ tenantId }) => tenantId);
  await seedOwners({ ownerUrl: database.urls.ownerUrl, ownersPerTenant: settings.ownersPerTenant, tenantIds });
  await vacuumAnalyze(database.urls.ownerUrl, ['tenants', 'users', 'api_keys', 'owners']);
  const pairs = await loadOwnerPairs({ ownerUrl: database.urls.ownerUrl, tenantIds, limit: 100_000 });
  const [scenario] = buildScenarios({ keys, pairs }, [settings.scenario]);
  if (!scenario) throw new Error(`BENCH_PROFILE_SCENARIO: ${settings.scenario} is not an owners scenario (owners-get, owners-list)`);

  const before = new Set(readdirSync(directory));
  const spawnedAt = Date.now(); // the profile begins as the process starts (within a few ms)
  const server = await startApiServer({
    root,
    isolation: true,
    urls: database.urls,
    poolSize: settings.poolSize,
    nodeBinary,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`],
  });
  let stats;
  let window;
  try {
    if (settings.warmup > 0) await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
    const cpuBefore = cpuTimeMs(server.pid);
    const fromMs = Date.now() - spawnedAt;
    stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
    window = { fromMs, toMs: Date.now() - spawnedAt };
    const cpu = cpuTimeMs(server.pid) - cpuBefore;
    const problems = runProblems(stats, scenario);
    if (problems.length > 0) throw new Error(problems.join('; '));
    log(
      `${scenario.title}: ${stats.rps.toFixed(0)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms, ` +
        `CPU ${((cpu * 1000) / (stats.ok + stats.non2xx)).toFixed(0)} µs/request`,
    );
  } finally {
    await server.stop(); // SIGTERM: the API closes and exits, and V8 writes the profile
  }
  const written = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile') && !before.has(name));
  if (written.length === 0) throw new Error(`no .cpuprofile written in ${directory}`);
  const file = path.join(directory, written[0]);
  log(`profile: ${file}; summary of the measured load only (${(window.fromMs / 1000).toFixed(1)} s to ${(window.toMs / 1000).toFixed(1)} s after start)`);
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), settings.top, window);
  console.log(`\n${summaryTable(summary)}\n\nBy package:\n\n${packageTable(summary)}\n`);
} finally {
  if (database) await stopDatabase(database, log);
}
