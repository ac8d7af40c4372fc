import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedDatabase } from './embedded.js';
import { runMigrations } from './migrate.js';
import { provisionDatabase } from './provision.js';
import { demoSigningSecrets } from './demo-secrets.js';

/** Secrets the operator set themselves win over the demo's own. */
const definedSecrets = (config: AppConfig) =>
  Object.fromEntries((['OTP_SECRET', 'PROOF_SIGNING_KEY', 'PDF_SEAL_KEY', 'PDF_SEAL_CERTIFICATE'] as const).filter((name) => config[name]).map((name) => [name, config[name]]));

export interface PreparedDatabase {
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * With DATABASE_URL set, the database is the operator's (db:setup and db:migrate run apart).
 * Without it, a real PostgreSQL is started from ./.data, given the same roles and migrations,
 * and the config is pointed at it, so `npm start` works on a bare machine. The demo also makes its
 * own signing secrets, kept in the data folder (outside it, the API refuses to start without them).
 */
export async function prepareDatabase(config: AppConfig): Promise<PreparedDatabase> {
  if (config.DATABASE_URL) return { embedded: false, stop: async () => undefined };
  const database = await startEmbeddedDatabase(config.EMBEDDED_DATA_DIR);
  try {
    await provisionDatabase(database.urls);
    await runMigrations(database.urls.ownerUrl);
  } catch (error) {
    await database.stop();
    throw error;
  }
  Object.assign(config, { ...(await demoSigningSecrets(config.EMBEDDED_DATA_DIR)), ...definedSecrets(config) });
  config.DATABASE_URL = database.urls.appUrl;
  config.DATABASE_OWNER_URL = database.urls.ownerUrl;
  config.DATABASE_ADMIN_URL = database.urls.adminUrl;
  return { embedded: true, stop: () => database.stop() };
}
