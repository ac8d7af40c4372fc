import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { loadConfigWithDotEnv } from '../config/app-config.js';
import { prepareDatabase } from '../database/embedded-bootstrap.js';
import { OnboardingService } from '../internal/tenants/onboarding.service.js';

/**
 * npm run tenant:create -- --name "Acme" [--email admin@acme.fr]
 * A tenant, an admin user holding every permission and a live API key, printed once.
 * Runs on DATABASE_URL, or on the embedded database in ./.data when it is unset.
 */
const { values } = parseArgs({ options: { name: { type: 'string' }, email: { type: 'string' } } });
if (!values.name?.trim()) {
  console.error('Usage: npm run tenant:create -- --name "Acme" [--email admin@acme.fr]');
  process.exit(2);
}
const config = loadConfigWithDotEnv();
const database = await prepareDatabase(config);
const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
try {
  const { tenant, admin, apiKey } = await app.get(OnboardingService).createTenantWithAdmin(values.name.trim(), values.email);
  console.log(
    JSON.stringify(
      {
        tenant: { id: tenant.id, name: tenant.name },
        admin_user: { id: admin.id, email: admin.email, permissions: admin.permissions },
        api_key: { id: apiKey.id, prefix: apiKey.prefix, environment: apiKey.environment, key: apiKey.key },
        note: 'The key is shown once; only its SHA-256 is stored.',
      },
      null,
      2,
    ),
  );
} finally {
  await app.close();
  await database.stop();
}
