// `npm run test:webhooks`: outgoing webhooks under real conditions, outside jest. Two API
// instances (child processes, `node dist/src/main.js`, app role) deliver to a receiver in this
// process that verifies every signature and counts every event id.
//
//   1. 1,000 events made through both instances while both deliver: none lost, none delivered
//      twice by the sender (the delivery claim under its row lock, SKIP LOCKED job fetches)
//   2. an instance killed (SIGKILL) while it is sending, then started again: none lost (its
//      jobs expire and are retried, its claims run out); a send cut by the kill may come twice
//      (at least once: the receiver dedupes on the event id), and the run says how many did
//
// Database: DATABASE_ADMIN_URL's server when set (a database of its own, dropped at the end),
// else an embedded PostgreSQL in .data/webhooks-load. Every check prints PASS/FAIL with its
// numbers; the exit code is non-zero when one failed. Plain ESM over the compiled code in dist/.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startApiServer } from '../../bench/servers.js';
import { runMigrations } from '../../dist/src/database/migrate.js';
import { provisionDatabase } from '../../dist/src/database/provision.js';
import { createClient, createTenant, inParallel, INTERNAL_TOKEN } from '../faults/http.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATABASE = 'faireplace_test_webhooks_load';
const EMBEDDED_DIR = path.join(ROOT, '.data', 'webhooks-load');
const EVENTS = 1_000;
const CRASH_EVENTS = 300;
/** The receiver takes this long in phase 2, so that the killed instance has sends in flight. */
const CRASH_RECEIVER_DELAY_MS = 40;
const CONCURRENCY = 16;
const WATCHDOG_MS = 5 * 60_000;

const checks = [];
const log = (line = '') => console.log(line);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
function check(name, ok, detail) {
  checks.push({ name, ok });
  log(`${ok ? 'PASS' : 'FAIL'}  ${name} — ${detail}`);
}

const withCredentials = (adminUrl, user, password, database) => {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
};

/** Our own database (and, without an admin URL, our own embedded cluster), migrated. */
async function prepareDatabase() {
  let embedded;
  let adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    const { startEmbeddedDatabase } = await import('../../dist/src/database/embedded.js');
    rmSync(EMBEDDED_DIR, { recursive: true, force: true });
    embedded = await startEmbeddedDatabase(EMBEDDED_DIR, DATABASE);
    adminUrl = embedded.urls.adminUrl;
  }
  const urls = embedded?.urls ?? {
    adminUrl,
    ownerUrl: withCredentials(adminUrl, 'faireplace_whload_owner', 'whload-owner-password', DATABASE),
    appUrl: withCredentials(adminUrl, 'faireplace_whload_app', 'whload-app-password', DATABASE),
  };
  await dropDatabase(adminUrl);
  await provisionDatabase(urls);
  await runMigrations(urls.ownerUrl);
  return {
    urls,
    async drop() {
      await dropDatabase(adminUrl).catch(() => undefined);
      if (embedded) {
        await embedded.stop();
        rmSync(EMBEDDED_DIR, { recursive: true, force: true });
      }
    },
  };
}

async function dropDatabase(adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DATABASE]);
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/** The partner's side: verifies each signature (the documented scheme, written here), counts each event id. */
function startReceiver() {
  const received = new Map();
  const state = { secret: '', delayMs: 0, badSignatures: 0, requests: 0, firstAt: 0, lastAt: 0 };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = String(request.headers['faireplace-signature'] ?? '');
      const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
      const expected = Buffer.from(createHmac('sha256', state.secret).update(`${t}.${body}`).digest('hex'));
      const valid = [...header.matchAll(/v1=([0-9a-f]+)/g)].some(([, v1]) => v1.length === expected.length && timingSafeEqual(Buffer.from(v1), expected));
      if (!valid) state.badSignatures++;
      const id = String(request.headers['faireplace-event-id']);
      received.set(id, (received.get(id) ?? 0) + 1);
      state.requests++;
      state.firstAt ||= performance.now();
      state.lastAt = performance.now();
      setTimeout(() => response.end('ok'), state.delayMs);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, received, state })));
}

async function startInstance(urls, name) {
  const server = await startApiServer({
    root: ROOT,
    isolation: true,
    urls,
    poolSize: 8,
    env: {
      NODE_ENV: 'bench',
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
      LOG_LEVEL: 'error',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true', // the receiver is on 127.0.0.1
      WEBHOOK_DELIVERY_CONCURRENCY: '8',
      JOBS_WORKERS: 'true',
      JOBS_POOL_SIZE: '4',
      JOBS_POLL_INTERVAL_SECONDS: '0.5',
      // A dead worker's jobs are failed (then retried) at most 2 s after they expire (20 s).
      JOBS_MAINTENANCE_INTERVAL_SECONDS: '2',
      NO_COLOR: '1',
    },
  });
  log(`  ${name}: pid ${server.pid} on ${server.baseUrl}`);
  return server;
}

/** Each instance in turn: requests and the deliveries they cause are shared by both. */
function roundRobin(clients) {
  let next = 0;
  return (method, path, options) => clients[next++ % clients.length].request(method, path, options);
}

async function expectOk(promise, status, what) {
  const response = await promise;
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.error ?? JSON.stringify(response.body)}`);
  return response.body;
}

/** Leases spread over units: a status change locks its unit, so leases of one unit change one at a time. */
const UNITS = 32;

async function draftLeases(request, tenant, count) {
  const post = (path, body) => expectOk(request('POST', path, { headers: tenant.auth, body }), 201, `POST ${path}`);
  const owner = await post('/api/owners', { owner_category: 'individual', last_name: 'Webhooks' });
  const place = await post('/api/places', { name: 'Résidence', owner_id: owner.id, place_category: 'collective', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon' });
  const units = await inParallel(UNITS, CONCURRENCY, async (index) => (await post(`/api/places/${place.id}/estates`, { name: `Lot ${index}`, estate_type: 'apartment' })).id);
  return inParallel(count, CONCURRENCY, async (index) => (await post('/api/leases', { estate_id: units[index % UNITS], lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 700 })).id);
}

/** Each lease DRAFT → CANCELLED: one `lease.status_changed` each. */
const cancelAll = (request, tenant, leases) =>
  inParallel(leases.length, CONCURRENCY, (index) => expectOk(request('PUT', `/api/leases/${leases[index]}/status`, { headers: tenant.auth, body: { status: 'CANCELLED' } }), 200, 'PUT status'));

async function waitFor(condition, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** For a failed run: what the jobs of the deliveries still unfinished say, and the instances' logs. */
async function explainUnfinished(tenantId) {
  const { rows } = await owner.query(
    `SELECT d.status, j.state, j.retry_count, left(j.output::text, 300) AS output, count(*)::int AS n
       FROM webhook_deliveries d LEFT JOIN pgboss.job j ON j.name = 'webhooks.deliver' AND j.data->>'delivery_id' = d.id::text
      WHERE d.tenant_id = $1 AND d.status <> 'SUCCEEDED' GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC LIMIT 10`,
    [tenantId],
  );
  for (const row of rows) log(`    ${row.n} × delivery ${row.status}, job ${row.state ?? 'missing'} (retries ${row.retry_count ?? '-'}) ${row.output ?? ''}`);
  for (const instance of instances) if (instance) log(`  ${instance.name} output (tail):\n${instance.output.split('\n').slice(-15).map((line) => `    ${line}`).join('\n')}`);
}

async function eventIds(owner, tenantId, leases) {
  const { rows } = await owner.query(`SELECT id FROM events WHERE tenant_id = $1 AND type = 'lease.status_changed' AND data->>'id' = ANY($2)`, [tenantId, leases]);
  return rows.map((row) => row.id);
}

let database;
const instances = [];
let receiver;
let owner;

async function main() {
  const watchdog = setTimeout(() => {
    check('watchdog', false, `the run exceeded ${WATCHDOG_MS / 60_000} min`);
    void cleanUp().finally(() => finish());
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = performance.now();
  log('Webhooks under load: two API instances, a receiver in this process');
  log('');
  log('[0] set-up');
  try {
    database = await prepareDatabase();
    log(`  database ${DATABASE} migrated (${seconds(performance.now() - started)})`);
    receiver = await startReceiver();
    const [a, b] = await Promise.all([startInstance(database.urls, 'instance A'), startInstance(database.urls, 'instance B')]);
    instances.push(a, b);
    owner = new pg.Client({ connectionString: database.urls.ownerUrl });
    await owner.connect();
    const clients = instances.map((instance) => createClient(instance.baseUrl, { maxSockets: CONCURRENCY }));
    const request = roundRobin(clients);
    const tenant = await createTenant(clients[0], 'Webhooks load');
    const endpoint = await expectOk(
      request('POST', '/api/webhook-endpoints', { headers: tenant.auth, body: { url: `http://127.0.0.1:${receiver.port}/hooks`, events: ['lease.status_changed'] } }),
      201,
      'POST /api/webhook-endpoints',
    );
    receiver.state.secret = endpoint.secret;
    const leases = await draftLeases(request, tenant, EVENTS + CRASH_EVENTS);
    log(`  tenant, endpoint, ${leases.length} DRAFT leases through both instances (${seconds(performance.now() - started)} since start)`);

    log('');
    log(`[1] ${EVENTS} events made and delivered by two instances at once`);
    const firstBatch = leases.slice(0, EVENTS);
    const writesStarted = performance.now();
    await cancelAll(request, tenant, firstBatch);
    const writesMs = performance.now() - writesStarted;
    const ids = await eventIds(owner, tenant.id, firstBatch);
    const allIn = await waitFor(() => ids.every((id) => receiver.received.has(id)), 30_000);
    const deliveredMs = receiver.state.lastAt - writesStarted;
    const lost = ids.filter((id) => !receiver.received.has(id)).length;
    const twice = ids.filter((id) => (receiver.received.get(id) ?? 0) > 1).length;
    check('every event recorded with its change', ids.length === EVENTS, `${ids.length} events for ${EVENTS} status changes (writes: ${seconds(writesMs)}, ${Math.round(EVENTS / (writesMs / 1000))}/s)`);
    check('none lost', allIn && lost === 0, `${ids.length - lost} of ${ids.length} received`);
    check('none delivered twice by the sender', twice === 0, `${twice} event ids received more than once; ${receiver.state.requests} requests in all`);
    check('every signature verifies', receiver.state.badSignatures === 0, `${receiver.state.badSignatures} bad of ${receiver.state.requests}`);
    const { rows: states } = await owner.query(`SELECT status, attempts, count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [tenant.id]);
    check('each delivery SUCCEEDED at its first attempt', states.length === 1 && states[0].status === 'SUCCEEDED' && states[0].attempts === 1 && states[0].n === EVENTS, JSON.stringify(states));
    if (lost > 0) await explainUnfinished(tenant.id);
    log(`  throughput: ${EVENTS} events written and delivered in ${seconds(deliveredMs)} from the first write (${Math.round(EVENTS / (deliveredMs / 1000))} events/s end to end)`);

    log('');
    log(`[2] instance B killed while sending ${CRASH_EVENTS} more (receiver answering in ${CRASH_RECEIVER_DELAY_MS} ms), then started again`);
    receiver.state.delayMs = CRASH_RECEIVER_DELAY_MS;
    const secondBatch = leases.slice(EVENTS);
    await cancelAll(request, tenant, secondBatch);
    const crashIds = await eventIds(owner, tenant.id, secondBatch);
    await waitFor(() => crashIds.filter((id) => receiver.received.has(id)).length >= CRASH_EVENTS / 4, 20_000);
    const { rows: inFlight } = await owner.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND status = 'SENDING'`, [tenant.id]);
    const killedAt = performance.now();
    instances[1].child.kill('SIGKILL');
    await instances[1].exited;
    const receivedAtKill = crashIds.filter((id) => receiver.received.has(id)).length;
    log(`  killed B (pid ${instances[1].pid}) with ${inFlight[0].n} deliveries SENDING and ${receivedAtKill}/${CRASH_EVENTS} received`);
    instances[1] = await startInstance(database.urls, 'instance B (restarted)');
    // Recovered: every event received, and every delivery recorded SUCCEEDED (a send the kill cut
    // after the receiver got it is recorded only once its claim has run out and it is sent again).
    const unfinished = async () => (await owner.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND status <> 'SUCCEEDED'`, [tenant.id])).rows[0].n;
    const recovered = await waitFor(async () => crashIds.every((id) => receiver.received.has(id)) && (await unfinished()) === 0, 60_000);
    const recoveryMs = performance.now() - killedAt;
    const crashLost = crashIds.filter((id) => !receiver.received.has(id)).length;
    const crashTwice = crashIds.filter((id) => (receiver.received.get(id) ?? 0) > 1).length;
    const { rows: after } = await owner.query(`SELECT status, count(*)::int AS n, max(attempts) AS max_attempts FROM webhook_deliveries WHERE tenant_id = $1 GROUP BY 1`, [tenant.id]);
    check('none lost after the kill', recovered && crashLost === 0, `${crashIds.length - crashLost} of ${crashIds.length} received, every delivery SUCCEEDED ${seconds(recoveryMs)} after the kill (a dead worker's jobs expire after 20 s)`);
    check('every delivery finished SUCCEEDED', after.length === 1 && after[0].status === 'SUCCEEDED', JSON.stringify(after));
    if (after.length !== 1) await explainUnfinished(tenant.id);
    check('duplicates only from sends cut by the kill (at least once)', crashTwice <= inFlight[0].n, `${crashTwice} event ids received twice (receivers dedupe on FairePlace-Event-Id); ${inFlight[0].n} were in flight`);
    check('every signature verifies', receiver.state.badSignatures === 0, `${receiver.state.badSignatures} bad of ${receiver.state.requests}`);
    for (const client of clients) client.close();
  } catch (error) {
    check('run', false, `aborted: ${error.stack ?? error}`);
    for (const instance of instances) if (instance?.exitInfo) log(`  ${instance.name} output (tail):\n${instance.output.split('\n').slice(-30).join('\n')}`);
  }
  await cleanUp();
  log(`  total ${seconds(performance.now() - started)}`);
  finish();
}

let cleaning;
function cleanUp() {
  cleaning ??= (async () => {
    await owner?.end().catch(() => undefined);
    for (const instance of instances) await instance?.stop().catch(() => undefined);
    receiver?.server.close();
    await database?.drop();
  })();
  return cleaning;
}

function finish() {
  const failed = checks.filter((c) => !c.ok).length;
  log('');
  log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

process.on('exit', () => {
  for (const instance of instances) if (instance && !instance.exitInfo && instance.child.exitCode === null) instance.child.kill('SIGKILL');
});

await main();
