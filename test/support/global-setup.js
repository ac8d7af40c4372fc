// Jest loads global setup outside its TypeScript transform, so this file is plain ESM and uses
// the compiled app code (`npm test` builds first). It prepares the suites' own database and
// roles, on DATABASE_ADMIN_URL's server or, without it, on an embedded PostgreSQL in .data/test.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../dist/src/database/embedded.js';
import { runMigrations } from '../../dist/src/database/migrate.js';
import { provisionDatabase } from '../../dist/src/database/provision.js';
import { generateSigningSecrets } from '../../dist/src/modules/signatures/signing-keys.js';

// TEST_DATABASE_NAME lets two runs share a server without dropping each other's database.
export const TEST_DATABASE = process.env.TEST_DATABASE_NAME || 'faireplace_test';
export const STATE_FILE = path.resolve(`.data/${TEST_DATABASE}.json`);
if (!/^faireplace_test\w*$/.test(TEST_DATABASE)) throw new Error('TEST_DATABASE_NAME must start with faireplace_test (it is dropped and recreated)');

function withCredentials(adminUrl, user, password, database) {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function globalSetup() {
  let embedded;
  let adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedDatabase('.data/test');
    adminUrl = embedded.urls.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Only our own database from an earlier run is dropped (and its leftover sessions ended).
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [TEST_DATABASE]);
    await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = {
    adminUrl,
    ownerUrl: withCredentials(adminUrl, 'faireplace_test_owner', 'test-owner-password', TEST_DATABASE),
    appUrl: withCredentials(adminUrl, 'faireplace_test_app', 'test-app-password', TEST_DATABASE),
    embedded: Boolean(embedded),
    // One set of signing secrets for every suite (the API refuses to start without them).
    secrets: await generateSigningSecrets('FairePlace test seal'),
  };
  await provisionDatabase(database);
  await runMigrations(database.ownerUrl);
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(database));
  globalThis.__embeddedTestDatabase = embedded;
}
