import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.setup.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import type { Permission } from '../../src/core/auth/permissions.js';
import { testDatabase } from './test-database.js';

export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef0123456789';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real app, as the app role, on the suites' database. Passport keeps one strategy per name
 * per process (the newest app's): a suite must not use an app after a later one has closed.
 */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  if (process.env.TEST_TARGET_URLS) return remoteTestApp(process.env.TEST_TARGET_URLS.split(',').filter(Boolean));
  const database = testDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.appUrl,
    DATABASE_POOL_SIZE: '4',
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    MEDIA_ROOT: mkdtempSync(path.join(tmpdir(), 'faireplace-test-media-')),
    RATE_LIMIT_PER_HOUR: '1000000', // suites about limits set their own
    AUTH_FAILURES_PER_MINUTE: '1000000',
    // Signing pages: every suite calls from 127.0.0.1 (one counter, shared through Redis).
    SIGNING_PAGE_REQUESTS_PER_MINUTE_PER_IP: '1000000',
    SIGNING_LINK_REQUESTS_PER_MINUTE: '1000000',
    ...database.secrets,

    ...overrides,
  });
  const app = await createApp(config);
  return { app, config, http: request(app.getHttpServer()), close: () => app.close() };
}

/**
 * `TEST_TARGET_URLS=http://a,http://b` (npm run test:scale): the suites run against instances
 * already running elsewhere, each request going to the next URL in turn. There is no in-process
 * app (`app` is undefined: suites skip what needs it), overrides cannot apply, close() does nothing.
 */
function remoteTestApp(urls: string[]): TestApp {
  const targets = urls.map((url) => request(url));
  let next = 0;
  const pick = () => targets[next++ % targets.length];
  const http = {
    get: (url: string) => pick().get(url),
    post: (url: string) => pick().post(url),
    put: (url: string) => pick().put(url),
    patch: (url: string) => pick().patch(url),
    delete: (url: string) => pick().delete(url),
  } as unknown as TestAgent;
  const config = loadConfig({ NODE_ENV: 'test', INTERNAL_API_TOKEN: INTERNAL_TOKEN, LOG_LEVEL: 'fatal' });
  return { app: undefined as unknown as NestExpressApplication, config, http, close: async () => undefined };
}

export interface TestTenant {
  /** The live tenant's id (internal routes name it; `?environment=sandbox` reaches its twin). */
  id: string;
  adminUserId: string;
  /** A key holding every permission, live unless `environment` says sandbox. */
  key: string;
  auth: { Authorization: string };
  environment?: 'live' | 'sandbox';
}

/** The same tenant seen through a sandbox key: its twin data space. */
export async function sandboxOf(http: TestAgent, tenant: TestTenant): Promise<TestTenant> {
  const key = await createKey(http, tenant.id, { user_id: tenant.adminUserId, environment: 'sandbox' });
  return { ...tenant, key, auth: bearer(key), environment: 'sandbox' };
}

/** An internal path for the tenant's data space: `?environment=sandbox` for a sandbox one. */
export function internalPath(tenant: Pick<TestTenant, 'environment'>, path: string): string {
  return tenant.environment === 'sandbox' ? `${path}${path.includes('?') ? '&' : '?'}environment=sandbox` : path;
}

/**
 * Asks `GET /api/owners` with `auth` until it answers `status`, and returns that response. Key
 * changes (revocation, suspension, erasure) reach each instance's verified-key cache through
 * LISTEN/NOTIFY, within a second (SPEC): even on the instance that made the change, the answer
 * right after it may still come from the cache.
 */
export async function answerWithin(http: TestAgent, auth: { Authorization: string }, status: number, limitMs = 1_000) {
  const started = Date.now();
  for (;;) {
    const response = await http.get('/api/owners').set(auth);
    if (response.status === status) return Object.assign(response, { afterMs: Date.now() - started });
    if (Date.now() - started > limitMs) throw new Error(`still ${response.status}, not ${status}, after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A tenant made through the internal API, with an admin user and a full-permission key. */
export async function createTenant(http: TestAgent, name = 'Tenant'): Promise<TestTenant> {
  const tenant = await http.post('/internal/tenants').set('X-Internal-Token', INTERNAL_TOKEN).send({ name }).expect(201);
  const id = tenant.body.id as string;
  const user = await http
    .post(`/internal/tenants/${id}/users`)
    .set('X-Internal-Token', INTERNAL_TOKEN)
    .send({ email: 'admin@example.com', display_name: 'Admin', permissions: ALL_PERMISSIONS })
    .expect(201);
  const key = await createKey(http, id, { user_id: user.body.id });
  return { id, adminUserId: user.body.id, key, auth: bearer(key) };
}

export const ALL_PERMISSIONS: Permission[] = [
  'properties:read', 'properties:write', 'leases:read', 'leases:write', 'lessees:read', 'lessees:write',
  'signatures:read', 'signatures:write', 'credits:read', 'credits:write', 'media:read', 'media:write',
  'webhooks:read', 'webhooks:write', 'audit:read',
  'usage:read', 'logs:read',
];

export async function createKey(
  http: TestAgent,
  tenantId: string,
  body: { user_id: string; permissions?: Permission[]; environment?: 'live' | 'sandbox'; expires_in?: string },
): Promise<string> {
  const response = await http
    .post(`/internal/tenants/${tenantId}/api-keys`)
    .set('X-Internal-Token', INTERNAL_TOKEN)
    .send({ name: 'test key', ...body })
    .expect(201);
  return response.body.key as string;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A direct connection as the app role (NOBYPASSRLS): what the database itself enforces. */
export async function appRoleClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabase().appUrl });
  await client.connect();
  return client;
}

/** A direct connection as the owner role: test set-up only (time travel, catalog reads). */
export async function ownerRoleClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabase().ownerUrl });
  await client.connect();
  return client;
}

/** The error body without `meta` (request id and time differ between any two responses). */
export const withoutMeta = (body: { error: unknown }) => ({ error: body.error });

export const randomUuid = () => crypto.randomUUID();
