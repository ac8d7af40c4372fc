import { loadConfigWithDotEnv } from '../config/app-config.js';
import { provisionDatabase } from '../database/provision.js';

/** npm run db:setup — roles and database from DATABASE_ADMIN_URL, DATABASE_OWNER_URL, DATABASE_URL. */
const config = loadConfigWithDotEnv();
const { DATABASE_ADMIN_URL: adminUrl, DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl } = config;
if (!adminUrl || !ownerUrl || !appUrl) {
  console.error('db:setup needs DATABASE_ADMIN_URL, DATABASE_OWNER_URL and DATABASE_URL (see .env.example)');
  process.exit(2);
}
await provisionDatabase({ adminUrl, ownerUrl, appUrl });
console.log(`Database "${new URL(appUrl).pathname.slice(1)}" and its roles are ready.`);
