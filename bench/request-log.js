// `npm run bench:request-log`: what the request log costs on GET /api/owners/{id}, and its size.
//
// 1. The same build with REQUEST_LOG_ENABLED=false and =true, in ALTERNATING rounds on one seeded
//    database (a slow minute of a shared machine hits both): each round starts one API child
//    (isolation on, as in production), warms it up, measures, stops it (the writer flushes on
//    shutdown). For the "on" rounds, the rows the log gained over the round give rows written per
//    second (every keyed request is one row).
// 2. The table's size for 1,000,000 requests: rows generated with generate_series into a scratch
//    table of request_log's exact shape (daily partitions, same primary key and index), measured
//    with pg_total_relation_size over its partitions; the bulk insert's rate is reported too.
// Results in bench/results-request-log.md. Plain ESM over dist/ (`npm run build` first).
//
// Environment: DATABASE_ADMIN_URL (optional; else an embedded PostgreSQL in .data/bench),
// BENCH_ROUNDS=3, BENCH_TENANTS=20, BENCH_OWNERS_PER_TENANT=50, BENCH_CONNECTIONS=16,
// BENCH_DURATION=8, BENCH_WARMUP=2, DATABASE_POOL_SIZE=10, BENCH_LOG_ROWS=1000000.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadOwnerPairs, postgresVersion, prepareBenchDatabase, seedOwners, seedTenants, vacuumAnalyze } from './database.js';
import { buildScenarios, measure, runProblems } from './load.js';
import { numberSetting, stopDatabase } from './common.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const log = (message) => console.log(`[bench:request-log] ${message}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const settings = {
  rounds: numberSetting('BENCH_ROUNDS', 3, { min: 1, max: 20 }),
  tenants: numberSetting('BENCH_TENANTS', 20, { min: 1, max: 10_000 }),
  ownersPerTenant: numberSetting('BENCH_OWNERS_PER_TENANT', 50, { min: 1, max: 10_000 }),
  connections: numberSetting('BENCH_CONNECTIONS', 16, { min: 1, max: 1_000 }),
  duration: numberSetting('BENCH_DURATION', 8, { min: 1, max: 600 }),
  warmup: numberSetting('BENCH_WARMUP', 2, { min: 0, max: 60 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  logRows: numberSetting('BENCH_LOG_ROWS', 1_000_000, { min: 1_000, max: 100_000_000 }),
};

async function withOwner(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const logRows = (url) => withOwner(url, async (client) => Number((await client.query('SELECT count(*) AS n FROM request_log')).rows[0].n));

/** request_log's shape, 10 daily partitions, `rows` generated lines over 10 tenants; its size. */
async function sizeOfLog(url, rows) {
  return withOwner(url, async (client) => {
    await client.query('DROP TABLE IF EXISTS bench_request_log');
    await client.query(`
      CREATE TABLE bench_request_log (
        tenant_id uuid NOT NULL, id uuid NOT NULL, created_at timestamptz NOT NULL,
        request_id text NOT NULL, key_prefix text, method text NOT NULL, route text, path text NOT NULL,
        status smallint NOT NULL, error_type text, duration_ms real NOT NULL, client_ip inet, user_agent text,
        PRIMARY KEY (tenant_id, id, created_at)
      ) PARTITION BY RANGE (created_at);
      CREATE INDEX ON bench_request_log (tenant_id, request_id);`);
    for (let day = 0; day < 10; day++) {
      await client.query(`CREATE TABLE bench_request_log_${day} PARTITION OF bench_request_log
        FOR VALUES FROM ('2026-01-01'::timestamptz + interval '${day} days') TO ('2026-01-01'::timestamptz + interval '${day + 1} days')`);
    }
    const started = Date.now();
    // Lines like the API writes: a UUID request id, a key prefix, a route template and a path with
    // an id, mostly 200s, a typical user agent; ids time-ordered like UUIDv7 (md5 here: same size).
    await client.query(`
      INSERT INTO bench_request_log
      SELECT md5('tenant' || (i % 10))::uuid, md5('line' || i)::uuid,
             '2026-01-01'::timestamptz + ((i - 1)::double precision / $1) * interval '10 days',
             gen_random_uuid()::text, 'fp_live_' || substr(md5('key' || (i % 30)), 1, 4), 'GET', '/api/owners/:id',
             '/api/owners/' || md5('owner' || (i % 5000))::uuid, CASE WHEN i % 20 = 0 THEN 404 ELSE 200 END,
             CASE WHEN i % 20 = 0 THEN 'NOT_FOUND' END, 2 + (i % 50) / 10.0, ('203.0.113.' || (i % 250))::inet,
             'partner-crm/2.1 (node-fetch/3.3.2)'
        FROM generate_series(1, $1) AS i`, [rows]);
    const seconds = (Date.now() - started) / 1000;
    const { rows: [size] } = await client.query(`
      SELECT sum(pg_total_relation_size(c.oid))::bigint AS total, sum(pg_relation_size(c.oid))::bigint AS heap
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'bench_request_log'::regclass`);
    await client.query('DROP TABLE bench_request_log');
    return { total: Number(size.total), heap: Number(size.heap), insertRate: rows / seconds };
  });
}

let database;
try {
  log(`settings: ${JSON.stringify(settings)}`);
  database = await prepareBenchDatabase(log, 'faireplace_bench_request_log');
  const postgres = await postgresVersion(database.urls.adminUrl);
  const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: settings.tenants, concurrency: Math.min(8, settings.poolSize), log });
  const tenantIds = keys.map(({ tenantId }) => tenantId);
  await seedOwners({ ownerUrl: database.urls.ownerUrl, ownersPerTenant: settings.ownersPerTenant, tenantIds });
  await vacuumAnalyze(database.urls.ownerUrl, ['tenants', 'users', 'api_keys', 'owners']);
  const pairs = await loadOwnerPairs({ ownerUrl: database.urls.ownerUrl, tenantIds, limit: 100_000 });
  const [scenario] = buildScenarios({ keys, pairs }, ['owners-get']);
  const variants = [
    { label: 'log off', env: { REQUEST_LOG_ENABLED: 'false' } },
    { label: 'log on', env: { REQUEST_LOG_ENABLED: 'true' } },
  ];

  const rounds = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 === 1 ? variants : [...variants].reverse();
    for (const { label, env } of order) {
      const before = await logRows(database.urls.ownerUrl);
      const server = await startApiServer({ root, isolation: true, urls: database.urls, poolSize: settings.poolSize, env });
      const started = Date.now();
      let stats;
      try {
        if (settings.warmup > 0) await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.warmup });
        stats = await measure(server.baseUrl, scenario, { connections: settings.connections, duration: settings.duration });
        const problems = runProblems(stats, scenario);
        if (problems.length > 0) throw new Error(`${label}, round ${round}: ${problems.join('; ')}`);
      } finally {
        await server.stop();
      }
      const seconds = (Date.now() - started) / 1000;
      const written = (await logRows(database.urls.ownerUrl)) - before;
      rounds.push({ round, label, ...stats, written, rowsPerSecond: written / seconds });
      log(`round ${round} ${label}: ${stats.rps.toFixed(0)} req/s, p50 ${stats.p50} ms, p99 ${stats.p99} ms, ${written} log rows`);
    }
  }

  log(`generating ${settings.logRows} log rows for the size measure ...`);
  const size = await sizeOfLog(database.urls.ownerUrl, settings.logRows);
  const summary = variants.map(({ label }) => {
    const mine = rounds.filter((row) => row.label === label);
    return { label, rps: median(mine.map((row) => row.rps)), p50: median(mine.map((row) => row.p50)), p99: median(mine.map((row) => row.p99)) };
  });
  const [off, on] = summary;
  const onRounds = rounds.filter((row) => row.label === 'log on');
  const cost = (1 - on.rps / off.rps) * 100;
  const lines = [
    '# What the request log costs',
    '',
    `Measured by \`npm run bench:request-log\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (shared), ${postgres}.`,
    `GET /api/owners/{id} (a random owner of a random tenant per request, isolation on), ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s,`,
    `${settings.rounds} alternating rounds per setting on one database (${settings.tenants} tenants × ${settings.ownersPerTenant} owners); medians below.`,
    '',
    '| request log | req/s | p50 | p99 |',
    '|---|---|---|---|',
    ...summary.map(({ label, rps, p50, p99 }) => `| ${label} | ${rps.toFixed(0)} | ${p50} ms | ${p99} ms |`),
    '',
    `**Cost of the log: ${cost.toFixed(1)} % of the requests per second** (budget: under 5 %), p99 ${off.p99} → ${on.p99} ms.`,
    `Rows written while on: median ${median(onRounds.map((row) => row.rowsPerSecond)).toFixed(0)} rows/s (one row per request, warm-up included, over each round's whole life).`,
    '',
    `**Size for ${settings.logRows.toLocaleString('en')} requests: ${mib(size.total)}** (table ${mib(size.heap)}, the rest its two indexes), ` +
      `${(size.total / settings.logRows).toFixed(0)} bytes per request; a bulk insert wrote ${size.insertRate.toFixed(0)} rows/s.`,
    '',
    '| round | request log | req/s | p50 | p99 | rows written |',
    '|---|---|---|---|---|---|',
    ...rounds.map((row) => `| ${row.round} | ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} ms | ${row.p99} ms | ${row.written} |`),
    '',
  ];
  writeFileSync(path.join(root, 'bench/results-request-log.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  if (database) await stopDatabase(database, log);
}
