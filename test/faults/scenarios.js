// The two measured scenarios. Each returns nothing; it reports its checks through `check()`.
import os from 'node:os';
import { percentile, sleep } from './http.js';
import { query } from './postgres.js';

/** A small seeded PRNG: the same mix of operations on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_FIELDS = ['first_name', 'last_name', 'legal_name', 'email'];
/** Every owner the suite creates has its tenant's marker in a name field. */
const carries = (row, marker) => NAME_FIELDS.some((field) => typeof row?.[field] === 'string' && row[field].includes(marker));

const ms = (value) => `${Math.round(value)} ms`;
const countBy = (items, key) => {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
};
const outcome = (r) => (r.status === 0 ? `no response (${r.error})` : `${r.status}${r.body?.error?.type ? ` ${r.body.error.type}` : ''}`);

/**
 * Checks one response against its tenant: the expected status, and no row of another tenant.
 * Returns the number of rows checked and of foreign rows; remembers ids the POSTs created.
 */
function inspect(op, response, tenant, extra) {
  let rows = 0;
  let foreign = 0;
  if (op === 'list' && response.status === 200) {
    const data = Array.isArray(response.body?.data) ? response.body.data : [];
    rows = data.length;
    foreign = data.filter((row) => !carries(row, tenant.marker)).length;
  } else if (op === 'get' && response.status === 200) {
    rows = 1;
    foreign = response.body?.id === extra.id && carries(response.body, tenant.marker) ? 0 : 1;
  } else if (op === 'post' && response.status === 201) {
    rows = 1;
    foreign = carries(response.body, tenant.marker) ? 0 : 1;
    if (response.body?.id) tenant.ownerIds.push(response.body.id);
  }
  return { rows, foreign };
}

/** The next request of the mix: a list, a read by id, or a create with a name unique to it. */
function nextRequest(random, tenants, weights, nameFor) {
  const tenant = tenants[Math.floor(random() * tenants.length)];
  const roll = random();
  if (roll < weights.list) return { op: 'list', tenant, method: 'GET', path: `/api/owners?per_page=${weights.perPage}` };
  if (roll < weights.list + weights.get) {
    const id = tenant.ownerIds[Math.floor(random() * tenant.ownerIds.length)];
    return { op: 'get', tenant, method: 'GET', path: `/api/owners/${id}`, id };
  }
  const name = nameFor(tenant);
  return {
    op: 'post', tenant, method: 'POST', path: '/api/owners', name,
    body: { owner_category: 'individual', first_name: 'Fault', last_name: name, city: 'Lyon', email: `${tenant.marker.toLowerCase()}@faults.example` },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Load with no faults
// ---------------------------------------------------------------------------------------------

export const LOAD = { total: 10_000, concurrency: 64, deadlineMs: 180_000, mix: { list: 0.45, get: 0.35, perPage: 100 } };

export async function loadWithoutFaults({ client, tenants, check, log }) {
  const random = prng(20_261_127);
  let issued = 0;
  let postSeq = 0;
  const latencies = [];
  const statuses = [];
  const failures = [];
  let rowsChecked = 0;
  let foreignRows = 0;
  const foreignExamples = [];
  log(`  ${LOAD.total} requests, concurrency ${LOAD.concurrency}, ${tenants.length} tenants (45% list per_page=100, 35% get by id, 20% create)`);
  const started = performance.now();
  const worker = async () => {
    while (issued < LOAD.total && performance.now() - started < LOAD.deadlineMs) {
      issued++;
      const next = nextRequest(random, tenants, LOAD.mix, (tenant) => `${tenant.marker} load ${++postSeq}`);
      const response = await client.request(next.method, next.path, { headers: next.tenant.auth, body: next.body });
      latencies.push(response.ms);
      statuses.push(response.status);
      const expected = next.op === 'post' ? 201 : 200;
      if (response.status !== expected) failures.push({ op: next.op, ...response });
      const seen = inspect(next.op, response, next.tenant, next);
      rowsChecked += seen.rows;
      foreignRows += seen.foreign;
      if (seen.foreign && foreignExamples.length < 3) foreignExamples.push(`${next.tenant.marker} ${next.method} ${next.path}`);
    }
  };
  await Promise.all(Array.from({ length: LOAD.concurrency }, worker));
  const elapsed = performance.now() - started;
  const sorted = [...latencies].sort((a, b) => a - b);
  const done = latencies.length;
  const rate = done / (elapsed / 1000);
  const serverErrors = statuses.filter((status) => status >= 500).length;
  const summary = `${done} requests in ${(elapsed / 1000).toFixed(1)} s: ${rate.toFixed(0)} req/s, p50 ${sorted.length ? percentile(sorted, 50).toFixed(1) : '-'} ms, p99 ${sorted.length ? percentile(sorted, 99).toFixed(1) : '-'} ms, max ${sorted.length ? sorted.at(-1).toFixed(0) : '-'} ms`;

  check('load: all requests completed in time', done === LOAD.total, `${summary} (limit ${LOAD.deadlineMs / 1000} s; 1-min load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  check('load: zero 5xx', serverErrors === 0, `${serverErrors} of ${done} answered 5xx`);
  check('load: zero foreign rows', foreignRows === 0 && rowsChecked > 0, `${foreignRows} rows without the caller's marker among ${rowsChecked} rows checked${foreignExamples.length ? ` (e.g. ${foreignExamples.join('; ')})` : ''}`);
  check('load: every request answered 200 (reads) or 201 (creates)', failures.length === 0, failures.length ? `${failures.length} unexpected: ${countBy(failures, (f) => `${f.op} ${outcome(f)}`)}` : `statuses: ${countBy(statuses.map((s) => ({ s })), (x) => x.s)}`);
  return { done, elapsedMs: elapsed, rate, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

// ---------------------------------------------------------------------------------------------
// 2. PostgreSQL restart during load
// ---------------------------------------------------------------------------------------------

export const RESTART = {
  concurrency: 16,
  warmMs: 3_000, // steady load before the stop
  downMs: 3_000, // PostgreSQL stopped this long
  afterMs: 10_000, // load continues this long after PostgreSQL is back
  recoveryLimitMs: 5_000, // the API must serve 200 again within this, by itself
  maxLatencyMs: 6_500, // the pool's connectionTimeoutMillis (5 s) plus slack: nothing may hang longer
  requestTimeoutMs: 15_000, // the client gives up here (would be counted as a hang)
  healthEveryMs: 200,
  probeEveryMs: 50,
  mix: { list: 0.5, get: 0.2, perPage: 20 },
};

export async function postgresRestart({ client, tenants, database, api, ownerUrl, check, log }) {
  const random = prng(424_242);
  const runTag = Math.random().toString(36).slice(2, 8);
  let postSeq = 0;
  const results = [];
  const health = [];
  const events = {};
  let stopLoad = false;
  const t0 = performance.now();
  const at = (t) => `${((t - t0) / 1000).toFixed(2)} s`;
  const apiOutputFrom = api.outputLines.length;

  const worker = async () => {
    while (!stopLoad) {
      const next = nextRequest(random, tenants, RESTART.mix, (tenant) => `${tenant.marker} fault-${runTag}-${++postSeq}`);
      const response = await client.request(next.method, next.path, { headers: next.tenant.auth, body: next.body, timeout: RESTART.requestTimeoutMs });
      const seen = inspect(next.op, response, next.tenant, next);
      results.push({ op: next.op, tenant: next.tenant, name: next.name, status: response.status, type: response.body?.error?.type, message: response.body?.error?.message, requestId: response.body?.meta?.request_id ?? response.headers?.['x-request-id'], error: response.error, started: response.started, ended: response.ended, ms: response.ms, id: response.body?.id, foreign: seen.foreign });
    }
  };
  let healthOn = true;
  const healthPoller = async () => {
    while (healthOn) {
      const response = await client.request('GET', '/api/health', { timeout: RESTART.requestTimeoutMs });
      health.push({ status: response.status, type: response.body?.error?.type, error: response.error, started: response.started, ended: response.ended, ms: response.ms });
      await sleep(RESTART.healthEveryMs);
    }
  };

  log(`  load: concurrency ${RESTART.concurrency} (50% list, 20% get, 30% create with a unique name), PostgreSQL on fixed port ${database.port}`);
  const workers = Array.from({ length: RESTART.concurrency }, worker);
  const poller = healthPoller();
  let recovery = {};
  try {
    await sleep(RESTART.warmMs);
    events.stopRequested = performance.now();
    await database.stop();
    events.down = performance.now();
    log(`  PostgreSQL stopped at ${at(events.down)} (stop took ${ms(events.down - events.stopRequested)})`);
    await sleep(RESTART.downMs);
    events.startRequested = performance.now();
    await database.start();
    events.up = performance.now();
    log(`  PostgreSQL accepting connections again at ${at(events.up)} (start took ${ms(events.up - events.startRequested)}), down ${ms(events.up - events.down)}`);
    recovery = await probeRecovery(client, tenants[0]);
    log(`  first 200 after restart: GET /api/owners +${recovery.owners === undefined ? 'never' : ms(recovery.owners - events.up)}, GET /api/health +${recovery.health === undefined ? 'never' : ms(recovery.health - events.up)}`);
    const remaining = events.up + RESTART.afterMs - performance.now();
    if (remaining > 0) await sleep(remaining);
  } finally {
    stopLoad = true;
    healthOn = false;
    if (!database.running) await database.start().catch(() => undefined);
  }
  await Promise.all(workers);
  await poller;
  events.end = performance.now();
  log(`  load stopped at ${at(events.end)}: ${results.length} requests, ${health.length} health polls`);

  // --- what each phase answered (information for the report)
  const phases = [
    ['before the stop', -Infinity, events.stopRequested],
    ['while stopping', events.stopRequested, events.down],
    ['down', events.down, events.startRequested],
    ['while starting', events.startRequested, events.up],
    [`first ${RESTART.recoveryLimitMs / 1000} s after`, events.up, events.up + RESTART.recoveryLimitMs],
    ['later', events.up + RESTART.recoveryLimitMs, Infinity],
  ];
  for (const [label, from, to] of phases) {
    const inPhase = results.filter((r) => r.started >= from && r.started < to);
    log(`  started ${label.padEnd(17)} ${String(inPhase.length).padStart(5)} requests: ${countBy(inPhase, (r) => `${r.op} ${outcome(r)}`)}`);
  }

  // --- while down: requests that started after the stop finished and ended before the start began
  const inWindow = (r) => r.started >= events.down && r.ended <= events.startRequested;
  const down = results.filter(inWindow);
  const downOk = down.filter((r) => r.status === 503 && r.type === 'SERVICE_UNAVAILABLE');
  check(
    'restart: while PostgreSQL is down, requests answer 503 SERVICE_UNAVAILABLE',
    down.length > 0 && downOk.length === down.length,
    `${downOk.length} of ${down.length} requests inside the outage were 503 SERVICE_UNAVAILABLE; outcomes: ${countBy(down, (r) => `${r.op} ${outcome(r)}`)}`,
  );

  // --- anywhere in the run: never a 500, and the only failure allowed is the 503 envelope
  const success = (r) => (r.op === 'post' ? r.status === 201 : r.status === 200);
  const failures = results.filter((r) => !success(r));
  const serverErrors = results.filter((r) => r.status >= 500 && r.status !== 503);
  check(
    'restart: no 500 (or other 5xx than 503) at any time',
    serverErrors.length === 0,
    `${serverErrors.length} of ${results.length} requests${serverErrors.length ? ` (${countBy(serverErrors, (r) => `${r.op} ${outcome(r)} "${r.message}"`)}; samples and the API's log below)` : ''}`,
  );
  const bad = failures.filter((r) => !(r.status === 503 && r.type === 'SERVICE_UNAVAILABLE'));
  check(
    'restart: every failure at any time is 503 SERVICE_UNAVAILABLE (not 401, not 500, not a dropped connection)',
    bad.length === 0,
    `${failures.length} failed requests: ${failures.length - bad.length} × 503 SERVICE_UNAVAILABLE; ${bad.length} others${bad.length ? ` (${countBy(bad, (r) => `${r.op} ${outcome(r)}${r.message ? ` "${r.message}"` : ''}`)})` : ''}`,
  );

  // --- nothing hangs
  const slowest = results.reduce((max, r) => (r.ms > max.ms ? r : max), { ms: 0 });
  const outage = results.filter((r) => r.started >= events.stopRequested && r.started <= events.up);
  const outageSorted = outage.map((r) => r.ms).sort((a, b) => a - b);
  check(
    `restart: no request takes longer than ${RESTART.maxLatencyMs / 1000} s`,
    slowest.ms <= RESTART.maxLatencyMs,
    `slowest ${ms(slowest.ms)} (${slowest.op ?? '-'} ${slowest.status !== undefined ? outcome(slowest) : ''} started at ${slowest.started ? at(slowest.started) : '-'}); during the outage ${outage.length} requests, p50 ${outageSorted.length ? ms(percentile(outageSorted, 50)) : '-'}, p99 ${outageSorted.length ? ms(percentile(outageSorted, 99)) : '-'}`,
  );

  // --- health while down
  const healthDown = health.filter(inWindow);
  const healthDownOk = healthDown.filter((r) => r.status === 503 && r.type === 'SERVICE_UNAVAILABLE');
  const healthSlowest = health.reduce((max, r) => Math.max(max, r.ms), 0);
  check(
    'restart: GET /api/health answers 503 while PostgreSQL is down',
    healthDown.length > 0 && healthDownOk.length === healthDown.length,
    `${healthDownOk.length} of ${healthDown.length} polls inside the outage were 503 SERVICE_UNAVAILABLE (${countBy(healthDown, outcome)}); slowest poll ${ms(healthSlowest)}`,
  );

  // --- recovery
  const ownersAfter = recovery.owners === undefined ? Infinity : recovery.owners - events.up;
  const healthAfter = recovery.health === undefined ? Infinity : recovery.health - events.up;
  const firstLoadOk = results.filter((r) => r.started >= events.up && success(r)).reduce((min, r) => Math.min(min, r.ended), Infinity) - events.up;
  check(
    `restart: the API serves 200 again within ${RESTART.recoveryLimitMs / 1000} s, by itself`,
    Math.max(ownersAfter, healthAfter) <= RESTART.recoveryLimitMs,
    `after PostgreSQL accepted connections: GET /api/owners 200 in ${Number.isFinite(ownersAfter) ? ms(ownersAfter) : 'never'}, GET /api/health 200 in ${Number.isFinite(healthAfter) ? ms(healthAfter) : 'never'}, first successful load request in ${Number.isFinite(firstLoadOk) ? ms(firstLoadOk) : 'never'}`,
  );
  const settled = results.filter((r) => r.started >= events.up + RESTART.recoveryLimitMs);
  const settledBad = settled.filter((r) => !success(r));
  check(
    `restart: every request from ${RESTART.recoveryLimitMs / 1000} s after the restart on succeeds`,
    settled.length > 0 && settledBad.length === 0,
    `${settled.length - settledBad.length} of ${settled.length} succeeded${settledBad.length ? `; failures: ${countBy(settledBad, (r) => `${r.op} ${outcome(r)}`)}` : ''}`,
  );

  // --- isolation holds through the fault too
  const foreign = results.reduce((sum, r) => sum + r.foreign, 0);
  check('restart: zero foreign rows', foreign === 0, `${foreign} rows without the caller's marker in ${results.filter((r) => r.status === 200 || r.status === 201).length} successful responses`);

  // --- writes: all or nothing, checked as the owner role (BYPASSRLS) by their unique names
  const posts = results.filter((r) => r.op === 'post');
  const rows = await query(ownerUrl, `SELECT tenant_id, id, last_name FROM owners WHERE last_name LIKE $1`, [`% fault-${runTag}-%`]);
  const byName = new Map();
  for (const row of rows) byName.set(row.last_name, [...(byName.get(row.last_name) ?? []), row]);
  const sent = new Set(posts.map((p) => p.name));
  const created = posts.filter((p) => p.status === 201);
  const refused = posts.filter((p) => p.status !== 201 && p.status !== 0);
  const unknown = posts.filter((p) => p.status === 0);
  const missing = created.filter((p) => {
    const found = byName.get(p.name) ?? [];
    return found.length !== 1 || found[0].id !== p.id || found[0].tenant_id !== p.tenant.id;
  });
  const ghost = refused.filter((p) => (byName.get(p.name) ?? []).length > 0);
  const duplicated = [...byName].filter(([, list]) => list.length > 1);
  const stray = rows.filter((row) => !sent.has(row.last_name));
  const unknownApplied = unknown.filter((p) => (byName.get(p.name) ?? []).length > 0).length;
  check(
    'restart: no write half-applied (201 ⇒ exactly one row; failed ⇒ no row)',
    missing.length === 0 && ghost.length === 0 && duplicated.length === 0 && stray.length === 0,
    `${posts.length} creates: ${created.length} × 201 all present once: ${missing.length === 0 ? 'yes' : `NO, ${missing.length} missing or wrong`}; ${refused.length} refused, rows left by them: ${ghost.length}${ghost.length ? ` (${countBy(ghost, outcome)})` : ''}; duplicated names: ${duplicated.length}; rows not sent: ${stray.length}; no response: ${unknown.length} (${unknownApplied} applied); ${rows.length} rows in the table`,
  );

  // --- the process survived
  check('restart: the API process stayed up', !api.exitInfo, api.exitInfo ? `exited ${JSON.stringify(api.exitInfo)}` : `pid ${api.pid} still running`);

  const serverErrorSamples = serverErrors.slice(0, 5).map((r) => ({ at: at(r.started), op: r.op, status: r.status, type: r.type, ms: r.ms, requestId: r.requestId, phase: phases.find(([, from, to]) => r.started >= from && r.started < to)?.[0] }));
  return { apiOutputFrom, serverErrorSamples };
}

/** From the moment PostgreSQL is back: poll until an authenticated read and the health check both answer 200. */
async function probeRecovery(client, tenant) {
  const found = {};
  const deadline = performance.now() + 30_000;
  while ((found.owners === undefined || found.health === undefined) && performance.now() < deadline) {
    const [owners, health] = await Promise.all([
      found.owners === undefined ? client.request('GET', '/api/owners?per_page=1', { headers: tenant.auth, timeout: RESTART.requestTimeoutMs }) : undefined,
      found.health === undefined ? client.request('GET', '/api/health', { timeout: RESTART.requestTimeoutMs }) : undefined,
    ]);
    if (owners?.status === 200) found.owners = owners.ended;
    if (health?.status === 200) found.health = health.ended;
    await sleep(RESTART.probeEveryMs);
  }
  return found;
}
