// `npm run bench:webhooks` (and the last part of `npm run bench`): what outgoing webhooks cost.
//
//  1. its own database `faireplace_bench_webhooks`, prepared like the main bench's; one tenant
//     through OnboardingService (a real key), and in bulk as the owner role BENCH_WEBHOOK_EVENTS × 3
//     DRAFT leases spread over 64 units (a status change locks its unit);
//  2. a receiver in this process (node:http, answers 200 at once, verifies nothing: it is the
//     sender being measured), on 127.0.0.1 (so the API runs with WEBHOOK_ALLOW_PRIVATE_URLS);
//  3. API W, workers off: `PUT /api/leases/{id}/status {CANCELLED}` (one `lease.status_changed`
//     each) at BENCH_WEBHOOK_CONNECTIONS at once, the one endpoint (taking the type) disabled, then
//     enabled, in alternating rounds: the added latency of the event's fan-out (a delivery row and
//     its job, in the request's transaction);
//  4. API D, workers on (the defaults: 8 deliveries at once, JOBS_POOL_SIZE=2): the backlog made
//     in 3 delivered, timed at the receiver: events delivered per second by one instance;
//  5. the same writes on API D while it delivers what they make: the p99 a partner-facing write
//     sees with deliveries running beside it;
//  6. written to bench/results-webhooks.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { numberSetting, stopDatabase } from './common.js';
import { postgresVersion, prepareBenchDatabase, seedTenants, serverOf } from './database.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(root, 'bench/results-webhooks.md');
const log = (message) => console.log(`[bench:webhooks] ${message}`);
const settings = {
  events: numberSetting('BENCH_WEBHOOK_EVENTS', 1000, { min: 100, max: 100_000 }),
  connections: numberSetting('BENCH_WEBHOOK_CONNECTIONS', 8, { min: 1, max: 256 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
};
const UNITS = 64;
const ROUNDS = 4;

let database;
const servers = [];
let receiver;

async function seedLeases(ownerUrl, tenantId, count) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `WITH o AS (INSERT INTO owners (tenant_id, id, owner_category, last_name) VALUES ($1, gen_random_uuid(), 'individual', 'Bailleur') RETURNING id),
            p AS (INSERT INTO places (tenant_id, id, name, owner_id, place_category, street_name, postal_code, city, country)
                  SELECT $1, gen_random_uuid(), 'Résidence', o.id, 'collective', 'rue des Lilas', '69003', 'Lyon', 'FR' FROM o RETURNING id, owner_id),
            e AS (INSERT INTO estates (tenant_id, id, place_id, owner_id, name, estate_type, rental_status)
                  SELECT $1, gen_random_uuid(), p.id, p.owner_id, 'Lot ' || n, 'apartment', 'VACANT' FROM p, generate_series(1, $3) n RETURNING id),
            numbered AS (SELECT id, row_number() OVER () - 1 AS n FROM e)
       INSERT INTO leases (tenant_id, id, estate_id, lease_type, start_date, rent_amount, status)
       SELECT $1, gen_random_uuid(), numbered.id, 'unfurnished', '2026-01-01', 700, 'DRAFT'
         FROM generate_series(0, $2 - 1) g JOIN numbered ON numbered.n = g % $3
       RETURNING id`,
      [tenantId, count, UNITS],
    );
    await owner.query('VACUUM (ANALYZE)');
    return rows.map((row) => row.id);
  } finally {
    await owner.end();
  }
}

function startReceiver() {
  const state = { count: 0, firstAt: 0, lastAt: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      state.count++;
      state.firstAt ||= performance.now();
      state.lastAt = performance.now();
      response.end('ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, state })));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];

/** Each lease DRAFT → CANCELLED at `connections` at once; latencies of the 2xx, and any other status. */
async function cancelAll(baseUrl, key, leases) {
  return summary(await cancelTimed(baseUrl, key, leases));
}

function summary({ latencies, failures, seconds }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { rps: (latencies.length + failures) / seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), failures };
}

const merge = (runs) => ({ latencies: runs.flatMap((run) => run.latencies), failures: runs.reduce((sum, run) => sum + run.failures, 0), seconds: runs.reduce((sum, run) => sum + run.seconds, 0) });

async function cancelTimed(baseUrl, key, leases) {
  const latencies = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < leases.length) {
      const lease = leases[next++];
      const sent = performance.now();
      const response = await fetch(`${baseUrl}/api/leases/${lease}/status`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '{"status":"CANCELLED"}',
      });
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - sent);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: settings.connections }, worker));
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

async function waitFor(condition, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const API_ENV = { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', JOBS_POLL_INTERVAL_SECONDS: '0.5' };

async function main() {
  const started = Date.now();
  database = await prepareBenchDatabase(log, 'faireplace_bench_webhooks');
  const postgres = await postgresVersion(database.urls.adminUrl);
  const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: 1, concurrency: 1, log });
  const [{ tenantId, key }] = keys;
  const leases = await seedLeases(database.urls.ownerUrl, tenantId, settings.events * 3);
  const batches = [0, 1, 2].map((index) => leases.slice(index * settings.events, (index + 1) * settings.events));
  receiver = await startReceiver();
  log(`seeded ${leases.length} DRAFT leases over ${UNITS} units; receiver on 127.0.0.1:${receiver.port}`);

  const writer = await startApiServer({ root, isolation: true, urls: database.urls, poolSize: settings.poolSize, env: { ...API_ENV, JOBS_WORKERS: 'false' } });
  servers.push(writer);
  const warmUp = await seedLeases(database.urls.ownerUrl, tenantId, 100);
  await cancelAll(writer.baseUrl, key, warmUp);
  const call = async (method, route, body) => {
    const response = await fetch(`${writer.baseUrl}${route}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const endpoint = await call('POST', '/api/webhook-endpoints', { url: `http://127.0.0.1:${receiver.port}/hooks`, events: ['lease.status_changed'], enabled: false });
  // Alternating rounds (endpoint disabled, then enabled), so drift in the machine's load hits both alike.
  log(`API W (workers off): ${settings.events} status changes with the endpoint disabled, ${settings.events} with it enabled (a delivery and its job each, not sent yet), in ${ROUNDS} alternating rounds`);
  const without = [];
  const withIt = [];
  const round = settings.events / ROUNDS;
  for (let index = 0; index < ROUNDS; index++) {
    await call('PUT', `/api/webhook-endpoints/${endpoint.id}`, { enabled: false });
    without.push(await cancelTimed(writer.baseUrl, key, batches[0].slice(index * round, (index + 1) * round)));
    await call('PUT', `/api/webhook-endpoints/${endpoint.id}`, { enabled: true });
    withIt.push(await cancelTimed(writer.baseUrl, key, batches[1].slice(index * round, (index + 1) * round)));
  }
  const withoutEndpoint = summary(merge(without));
  const withEndpoint = summary(merge(withIt));
  await writer.stop();
  servers.length = 0;

  const deliverer = await startApiServer({ root, isolation: true, urls: database.urls, poolSize: settings.poolSize, env: API_ENV });
  servers.push(deliverer);
  const drained = await waitFor(() => receiver.state.count >= settings.events, 120_000);
  const drainSeconds = (receiver.state.lastAt - receiver.state.firstAt) / 1000;
  const deliveredPerSecond = receiver.state.count / drainSeconds;
  log(`API D (workers on): backlog of ${settings.events} delivered in ${drainSeconds.toFixed(1)} s (${deliveredPerSecond.toFixed(0)}/s)`);

  const before = receiver.state.count;
  log(`API D: ${settings.events} status changes while it delivers them`);
  const whileDelivering = await cancelAll(deliverer.baseUrl, key, batches[2]);
  const writesDoneAt = performance.now();
  const caughtUp = await waitFor(() => receiver.state.count >= before + settings.events, 120_000);
  const lagMs = receiver.state.lastAt - writesDoneAt;

  const owner = new pg.Client({ connectionString: database.urls.ownerUrl });
  await owner.connect();
  const { rows: states } = await owner.query(`SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY 1 ORDER BY 1`);
  await owner.end();
  const ms = (value) => `${value.toFixed(1)} ms`;
  const row = (name, r) => `| ${name} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.failures} |`;
  const document = `# Webhooks benchmark

Measured by \`npm run bench:webhooks\` (also the last part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}, commit ${commit()}.

- Machine: ${os.cpus().length} CPUs, Node ${process.version}; ${postgres} (${database.embedded ? 'embedded, .data/bench' : serverOf(database.urls.adminUrl)}).
- Write: \`PUT /api/leases/{id}/status {"status":"CANCELLED"}\` on DRAFT leases (${UNITS} units), ${settings.connections} at once; each emits one \`lease.status_changed\`.
- API: one child process at a time, isolation on, \`DATABASE_POOL_SIZE=${settings.poolSize}\`; deliveries with the defaults (\`WEBHOOK_DELIVERY_CONCURRENCY=8\`, \`JOBS_POOL_SIZE=2\`).
- Receiver: node:http in the bench process on 127.0.0.1, answering 200 at once.

## The write that emits an event

| ${settings.events} writes | req/s | p50 | p99 | non-2xx |
|---|---|---|---|---|
${row('endpoint disabled (the event row only)', withoutEndpoint)}
${row('one enabled endpoint (+ delivery row + job)', withEndpoint)}
${row('one enabled endpoint, deliveries running in the same process', whileDelivering)}

Added by an enabled endpoint: p50 ${ms(withEndpoint.p50 - withoutEndpoint.p50)}, p99 ${ms(withEndpoint.p99 - withoutEndpoint.p99)} (the fan-out alone: a delivery row and a job row in the write's transaction); with deliveries running in the same process: p50 ${ms(whileDelivering.p50 - withoutEndpoint.p50)}, p99 ${ms(whileDelivering.p99 - withoutEndpoint.p99)}. On a shared 2-core machine differences of a few ms are within the run-to-run noise.

## Delivery

| figure | value |
|---|---|
| backlog of ${settings.events} events, one instance | ${drained ? 'all delivered' : `only ${receiver.state.count} delivered`} in ${drainSeconds.toFixed(1)} s: **${deliveredPerSecond.toFixed(0)} events/s** |
| ${settings.events} more made while delivering | ${caughtUp ? 'all delivered' : 'not all delivered'}, the last ${ms(Math.max(0, lagMs))} after the last write |
| deliveries by status at the end | ${states.map((state) => `${state.status} ${state.n}`).join(', ')} |

Each delivery: a job fetched (SKIP LOCKED), a claim transaction (row lock, then SENDING), the POST with
no transaction open, a record transaction, the job completed: about a dozen statements on the jobs'
own pool of 2 connections, so one instance's rate is bound by the database round trips, not the
receiver. More instances (or \`JOBS_POOL_SIZE\`) add to it: \`npm run test:webhooks\` runs two.

Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.
`;
  writeFileSync(RESULTS_FILE, document);
  console.log(`\n${document}`);
  const failed = withoutEndpoint.failures + withEndpoint.failures + whileDelivering.failures > 0 || !drained || !caughtUp;
  return failed ? 1 : 0;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function cleanUp() {
  for (const server of servers) await server.stop().catch(() => undefined);
  receiver?.server.close();
  if (database) await stopDatabase(database, log);
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    console.error(`[bench:webhooks] failed: ${error?.stack ?? error}`);
    await cleanUp();
    process.exit(1);
  },
);
