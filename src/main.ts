import 'reflect-metadata';
import { bootLogger, createApp } from './app.setup.js';
import { type AppConfig, loadConfigWithDotEnv } from './config/app-config.js';
import { prepareDatabase } from './database/embedded-bootstrap.js';
import { OnboardingService } from './internal/tenants/onboarding.service.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigWithDotEnv();
  refuseOwnerCredentials(config);
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
  if (database.firstStart) await announceDemoTenant(app.get(OnboardingService), base);
  else if (database.embedded) bootLogger.log('Embedded database (./.data). Create another key with: npm run tenant:create -- --name "Acme"');
}

/**
 * The API connects as the app role only. In production the owner (BYPASSRLS) and admin URLs must
 * not even be in its environment: migrations run as their own command (`migrate` in the image).
 */
function refuseOwnerCredentials(config: AppConfig): void {
  const present = (['DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL'] as const).filter((name) => config[name]);
  if (config.NODE_ENV === 'production' && present.length > 0) {
    throw new Error(`Refusing to start: ${present.join(' and ')} must not be in the API's environment in production (run migrations apart: docker run <image> migrate)`);
  }
}

/** First start on the embedded database: a demo tenant and a key, shown once on the console. */
async function announceDemoTenant(onboarding: OnboardingService, base: string): Promise<void> {
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
