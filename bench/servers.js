// The servers under load, each a child process of the runner, one at a time, on 127.0.0.1.
//
// Why child processes and not the app in-process: the load generator (autocannon) runs in the
// runner's own event loop; an in-process API would share that loop and that CPU core with it and
// measure the generator as much as the server. `node dist/src/main.js` is also exactly what runs
// in production (`npm start`): same entry point, same config loading, same shutdown path.
// Children are only ever stopped through their own ChildProcess handle (their PID).
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const OUTPUT_LIMIT = 16_384;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Everything the API reads from its environment: never inherited, always set by the bench. Those
 * it does not need are set empty (= the default): main.js loads a `.env` file, which never
 * overrides a variable already present, so a developer's .env cannot leak into a run.
 */
const APP_VARIABLES = [
  'NODE_ENV', 'PORT', 'HOST', 'DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL', 'DATABASE_LISTEN_URL',
  'DATABASE_POOL_SIZE', 'EMBEDDED_DATA_DIR', 'INTERNAL_API_TOKEN', 'API_KEY_CACHE_TTL_MS', 'BODY_LIMIT_BYTES',
  'SWAGGER_ENABLED', 'LOG_LEVEL', 'BENCH_BYPASS_TENANCY', 'BENCH_AUDIT_OFF', 'STORAGE_DRIVER', 'MEDIA_ROOT', 'MEDIA_MAX_BYTES',
  'S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY',
  'PAYMENT_PROVIDER', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'OTP_SECRET', 'SIGNATURE_TTL_DAYS', 'SMTP_URL',
  'SMTP_FROM', 'RATE_LIMIT_PER_HOUR', 'REDIS_URL', 'PROOF_SIGNING_KEY', 'PDF_SEAL_KEY', 'PDF_SEAL_CERTIFICATE',
  'JOBS_WORKERS', 'JOBS_POOL_SIZE', 'JOBS_POLL_INTERVAL_SECONDS', 'TEST_RLS_ONLY', 'TRUST_PROXY', 'AUTH_HEARTBEAT_INTERVAL_MS',
  'AUTH_FAILURES_PER_MINUTE', 'WEBHOOK_SECRET_KEY', 'WEBHOOK_ALLOW_PRIVATE_URLS', 'WEBHOOK_DELIVERY_CONCURRENCY',
  'CREDITS_LOW_BALANCE_THRESHOLD', 'JOBS_MAINTENANCE_INTERVAL_SECONDS', 'PROTECTED_LESSEE_INCOME_CEILING',
  'REQUEST_LOG_ENABLED', 'REQUEST_LOG_RETENTION_DAYS', 'REQUEST_LOG_FLUSH_INTERVAL_MS',
];

/**
 * One set of signing secrets per run (the API refuses to start without them), shared by every
 * instance: the promise is kept, so instances started at the same time get the same set (webhook
 * secrets sealed by one must open in the other).
 */
let signingSecrets;
export function benchSigningSecrets(root) {
  signingSecrets ??= import(path.join(root, 'dist/src/modules/signatures/signing-keys.js')).then(({ generateSigningSecrets }) => generateSigningSecrets('FairePlace bench seal'));
  return signingSecrets;
}

/**
 * The per-tenant rate limit the API children run with: far above anything a run can send (the
 * estates scenarios send every request as one tenant), so the bench measures the API, not the
 * limiter (default 1,000 requests/hour per tenant; 1e9 is the most the config accepts). REDIS_URL
 * is cleared with the rest, so the counters stay in the API's memory (no Redis round trip).
 */
export const BENCH_RATE_LIMIT_PER_HOUR = '1000000000';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function cleanEnvironment(extra) {
  const env = { ...process.env };
  for (const name of APP_VARIABLES) env[name] = '';
  return { ...env, ...extra };
}

/** Wraps a child: keeps the tail of its output, knows when it exits, stops it by its handle. */
function supervise(name, child, port) {
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  let stopping = false;
  return {
    name,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    child,
    exited,
    get output() {
      return output;
    },
    /** undefined while running; { code, signal } once it has exited. */
    get exitInfo() {
      return exitInfo;
    },
    /** Did it exit without being asked to? */
    get crashed() {
      return exitInfo !== undefined && !stopping;
    },
    async stop() {
      if (exitInfo) return exitInfo;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exitInfo) child.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls GET /api/health until it answers 200, the child dies, or the time is up. */
async function waitReady(server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitInfo) {
      throw new Error(`${server.name} exited during start-up (${JSON.stringify(server.exitInfo)}):\n${server.output}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.name} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${server.output}`);
}

/**
 * The real API (`node --enable-source-maps dist/src/main.js`, as `npm start`).
 * isolation on : app role, tenant transaction + RLS (the normal mode).
 * isolation off: NODE_ENV=bench BENCH_BYPASS_TENANCY=true as the owner role: no transaction, RLS
 *                bypassed; everything else identical (same NODE_ENV, pool, logging, port host).
 * Both: LOG_LEVEL=error, SWAGGER_ENABLED=false, RATE_LIMIT_PER_HOUR=1e9 (the limiter out of the way).
 * `env`: more variables for the API (e.g. MEDIA_ROOT, MEDIA_MAX_BYTES for bench/media.js), set
 *        last; none by default.
 * `nodeBinary`, `nodeArgs`: another Node (bench:node, BENCH_NODE_VERSION) and its flags (e.g.
 * `--cpu-prof`); `script`: dist/src/cluster.js for the multi-worker mode (bench/cluster.js).
 * The returned handle's `pid` is the API's own process (node, started directly, no shell).
 */
export async function startApiServer({ root, isolation, urls, poolSize, env: extraEnv = {}, nodeBinary = process.execPath, nodeArgs = [], script = 'dist/src/main.js' }) {
  const port = await freePort();
  const env = cleanEnvironment({
    NODE_ENV: 'bench',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: isolation ? urls.appUrl : urls.ownerUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    LOG_LEVEL: 'error',
    SWAGGER_ENABLED: 'false',
    RATE_LIMIT_PER_HOUR: BENCH_RATE_LIMIT_PER_HOUR,
    ...(isolation ? {} : { BENCH_BYPASS_TENANCY: 'true' }),
    ...(await benchSigningSecrets(root)),
    ...extraEnv,
  });
  const child = spawn(nodeBinary, ['--enable-source-maps', ...nodeArgs, path.join(root, script)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = supervise(`API (isolation ${isolation ? 'on' : 'off'})`, child, port);
  try {
    await waitReady(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** bench/floor-server.js, given the key → tenant map over IPC once it has started. */
export async function startFloorServer({ root, isolation, urls, poolSize, keys, nodeBinary = process.execPath }) {
  const port = await freePort();
  const env = cleanEnvironment({
    FLOOR_PORT: String(port),
    FLOOR_ISOLATION: isolation ? 'on' : 'off',
    FLOOR_DATABASE_URL: isolation ? urls.appUrl : urls.ownerUrl,
    FLOOR_POOL_SIZE: String(poolSize),
  });
  const child = fork(path.join(root, 'bench/floor-server.js'), [], {
    cwd: root,
    execPath: nodeBinary,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const server = supervise(`floor (isolation ${isolation ? 'on' : 'off'})`, child, port);
  try {
    child.send({ keys: keys.map(({ key, tenantId }) => [key, tenantId]) });
    await waitReady(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
