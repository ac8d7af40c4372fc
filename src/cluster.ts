import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { Logger } from '@nestjs/common';
import { loadConfigWithDotEnv } from './config/app-config.js';

/**
 * `npm run start:cluster` (node dist/src/cluster.js): the API in WEB_CONCURRENCY worker processes
 * (default: one per core) that share PORT (node:cluster; the primary hands out connections in
 * turn). Each worker is the ordinary server (src/main.ts): its own database pool, its own job
 * workers, its own caches. On SIGTERM or SIGINT the primary asks every worker to finish its
 * in-flight requests and close (the same shutdown as `npm start`), and exits once all have, or
 * kills what is left after CLUSTER_SHUTDOWN_TIMEOUT_MS. A worker that dies on its own is replaced
 * (at most 5 times a minute, then the primary gives up and stops the rest).
 *
 * What must be shared across workers lives in Redis: the per-tenant rate limit and the failed-key
 * limiter keep their counters in the process without REDIS_URL, so N workers would each allow the
 * full limit. Without REDIS_URL the primary refuses to start in production and warns otherwise.
 * The verified-key caches stay per worker: each is told of revocations by PostgreSQL itself.
 * The embedded database is a single-process convenience: cluster mode needs DATABASE_URL.
 */
const logger = new Logger('Cluster');
const RESTARTS_PER_MINUTE = 5;

/** An integer setting of the primary (read before any worker loads AppConfig); refused out of range. */
function integerSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return value;
}

function startPrimary(): void {
  const config = loadConfigWithDotEnv();
  const count = integerSetting('WEB_CONCURRENCY', os.availableParallelism(), 1, 256);
  const timeoutMs = integerSetting('CLUSTER_SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000);
  if (!config.DATABASE_URL) throw new Error('Cluster mode needs DATABASE_URL: the embedded database serves a single process (use npm start)');
  if (!config.REDIS_URL) {
    const why = `without REDIS_URL the rate limiters count in each worker's memory, so ${count} workers allow ${count}× the limit`;
    if (config.NODE_ENV === 'production') throw new Error(`Refusing to start ${count} workers in production: ${why}; set REDIS_URL`);
    logger.warn(`${why} (shared limiters need REDIS_URL; refused in production)`);
  } else {
    logger.log(`${count} workers; the rate limiters share their counters in Redis (REDIS_URL)`);
  }

  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork();
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > RESTARTS_PER_MINUTE) {
      logger.error(`worker ${worker.process.pid} exited (${signal ?? code}); more than ${RESTARTS_PER_MINUTE} exits in a minute: stopping`);
      void stop('restart limit', 1);
      return;
    }
    logger.warn(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });

  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    logger.log(`${reason}: asking ${workers.length} workers to finish their requests and close`);
    const exited = workers.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve()))));
    for (const worker of workers) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, timeoutMs);
    await Promise.all(exited);
    clearTimeout(timer);
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGINT', () => void stop('SIGINT', 0));

  logger.log(`primary ${process.pid}: starting ${count} workers on port ${config.PORT}`);
  for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary) {
  try {
    startPrimary();
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
} else {
  await import('./main.js');
}
