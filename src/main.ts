import 'reflect-metadata';
import pg from 'pg';
import { bootLogger, createApp } from './app.setup.js';
import { loadConfigWithDotEnv } from './config/app-config.js';
import { prepareDatabase } from './database/embedded-bootstrap.js';
import { OnboardingService } from './internal/tenants/onboarding.service.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigWithDotEnv();
  const database = await prepareDatabase(config);
  const app = await createApp(config);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    bootLogger.log(`${signal}: finishing in-flight requests, then closing`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.PORT, config.HOST);
  const base = `http://localhost:${config.PORT}`;
  bootLogger.log(`FairePlace API on ${base} — Swagger UI at ${base}/docs`);
  if (database.embedded) await announceDemoTenant(app.get(OnboardingService), config.DATABASE_OWNER_URL!, base);
}

/** First start on the embedded database: a demo tenant and a key, shown once on the console. */
async function announceDemoTenant(onboarding: OnboardingService, ownerUrl: string, base: string): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const { rows } = await owner.query<{ count: number }>('SELECT count(*)::int AS count FROM tenants');
  await owner.end();
  if (rows[0].count > 0) {
    bootLogger.log('Embedded database (./.data). Create another key with: npm run tenant:create -- --name "Acme"');
    return;
  }
  const { tenant, apiKey } = await onboarding.createTenantWithAdmin('Demo');
  console.log(
    [
      '',
      'Embedded PostgreSQL started in ./.data; demo tenant created.',
      `  tenant:  ${tenant.name} (${tenant.id})`,
      `  API key: ${apiKey.key}   (shown once; only its hash is stored)`,
      `  try:     curl -H "Authorization: Bearer ${apiKey.key}" ${base}/api/owners`,
      `  docs:    ${base}/docs`,
      '',
    ].join('\n'),
  );
}

bootstrap().catch((error: unknown) => {
  bootLogger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
