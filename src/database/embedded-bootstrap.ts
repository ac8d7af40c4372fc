import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { REQUIRED_SECRETS } from '../config/required-secrets.js';
import { startEmbeddedDatabase } from './embedded.js';
import { runMigrations } from './migrate.js';
import { provisionDatabase } from './provision.js';
import { demoSigningSecrets } from './demo-secrets.js';

/** Secrets the operator set themselves win over the demo's own. */
const definedSecrets = (config: AppConfig) =>
  Object.fromEntries(REQUIRED_SECRETS.filter((name) => config[name]).map((name) => [name, config[name]]));

export interface PreparedDatabase {
  embedded: boolean;
  /** The embedded database has no tenant yet (the demo one is made and shown). */
  firstStart: boolean;
  stop(): Promise<void>;
}

/**
 * With DATABASE_URL set, the database is the operator's (db:setup and db:migrate run apart).
 * Without it, a real PostgreSQL is started from ./.data, given the same roles and migrations,
 * and the config is pointed at it, so `npm start` works on a bare machine. The demo also makes its
 * own signing secrets, kept in the data folder (outside it, the API refuses to start without them).
 */
export async function prepareDatabase(config: AppConfig): Promise<PreparedDatabase> {
  if (config.DATABASE_URL) return { embedded: false, firstStart: false, stop: async () => undefined };
  const database = await startEmbeddedDatabase(config.EMBEDDED_DATA_DIR);
  let firstStart: boolean;
  try {
    await provisionDatabase(database.urls);
    await runMigrations(database.urls.ownerUrl);
    firstStart = (await countTenants(database.urls.ownerUrl)) === 0;
  } catch (error) {
    await database.stop();
    throw error;
  }
  Object.assign(config, { ...(await demoSigningSecrets(config.EMBEDDED_DATA_DIR)), ...definedSecrets(config) });
  // The owner and admin credentials stay here: the API itself only ever gets the app role.
  config.DATABASE_URL = database.urls.appUrl;
  return { embedded: true, firstStart, stop: () => database.stop() };
}

async function countTenants(ownerUrl: string): Promise<number> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ count: number }>('SELECT count(*)::int AS count FROM tenants');
    return rows[0].count;
  } finally {
    await owner.end();
  }
}
