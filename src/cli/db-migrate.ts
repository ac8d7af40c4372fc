import { loadConfigWithDotEnv } from '../config/app-config.js';
import { runMigrations } from '../database/migrate.js';

/** npm run db:migrate — pending migrations, as the owner role. */
const config = loadConfigWithDotEnv();
if (!config.DATABASE_OWNER_URL) {
  console.error('db:migrate needs DATABASE_OWNER_URL (the owner role; see .env.example)');
  process.exit(2);
}
const applied = await runMigrations(config.DATABASE_OWNER_URL);
console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migration.');
