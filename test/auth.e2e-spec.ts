import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../src/core/auth/api-key-format.js';
import { startChildInstance } from './support/child-instance.js';
import {
  answerWithin,
  bearer,
  createKey,
  createTenant,
  INTERNAL_TOKEN,
  ownerRoleClient,
  randomUuid,
  startTestApp,
  type TestApp,
  type TestTenant,
  withoutMeta,
} from './support/test-app.js';

/** How long until the key is refused (Infinity past the limit). */
const millisUntilRefused = (t: TestApp, key: string, limitMs = 3_000): Promise<number> =>
  answerWithin(t.http, bearer(key), 401, limitMs).then((response) => response.afterMs, () => Infinity);

describe('API keys and permissions', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Auth suite');
  });
  afterAll(() => t.close());

  const expectUnauthorized = async (headers: Record<string, string>) => {
    const response = await t.http.get('/api/owners').set(headers).expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.error).toEqual({ code: 401, type: 'UNAUTHORIZED', message: 'A valid API key is required', details: {} });
    return response;
  };

  it('accepts a valid key', async () => {
    await t.http.get('/api/owners').set(tenant.auth).expect(200);
  });

  it('refuses a missing key, a non-bearer scheme and garbage', async () => {
    await expectUnauthorized({});
    await expectUnauthorized({ Authorization: tenant.key });
    await expectUnauthorized({ Authorization: `Basic ${tenant.key}` });
    await expectUnauthorized({ Authorization: 'Bearer ' });
    await expectUnauthorized({ Authorization: `Bearer ${tenant.key} extra` });
  });

  it('refuses a key with a bad checksum without asking the database', async () => {
    const query = jest.spyOn(t.app.get(DataSource), 'query');
    const last = tenant.key.at(-1) === 'a' ? 'b' : 'a';
    await expectUnauthorized(bearer(tenant.key.slice(0, -1) + last));
    expect(query).not.toHaveBeenCalled();
    query.mockRestore();
  });

  it('refuses a well-formed unknown key', async () => {
    await expectUnauthorized(bearer(generateApiKey('live').plaintext));
  });

  it('refuses an expired key', async () => {
    const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, expires_in: '30d' });
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    const owner = await ownerRoleClient();
    await owner.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE prefix = $1`, [key.slice(0, 12)]);
    await owner.end();
    expect(await millisUntilRefused(t, key)).toBeLessThan(1_000);
  });

  it('refuses a revoked key within one second, even while it is cached', async () => {
    const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId });
    const keys = await t.http.get(`/internal/tenants/${tenant.id}/api-keys?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    const keyId = keys.body.data.find((k: { prefix: string; last4: string }) => k.prefix === key.slice(0, 12) && k.last4 === key.slice(-4)).id;

    await t.http.get('/api/owners').set(bearer(key)).expect(200); // now cached
    const query = jest.spyOn(t.app.get(DataSource), 'query');
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    expect(query.mock.calls.filter(([sql]) => String(sql).includes('authenticate_api_key'))).toHaveLength(0);
    query.mockRestore();

    await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${keyId}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
    expect(await millisUntilRefused(t, key)).toBeLessThan(1_000);
  });

  it('propagates a revocation made anywhere to another running instance within one second', async () => {
    const other = await startChildInstance();
    try {
      const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId });
      await t.http.get('/api/owners').set(bearer(key)).expect(200);
      await request(other.url).get('/api/owners').set(bearer(key)).expect(200);
      const owner = await ownerRoleClient();
      await owner.query(`UPDATE api_keys SET revoked_at = now() WHERE prefix = $1 AND last4 = $2`, [key.slice(0, 12), key.slice(-4)]);
      await owner.end();
      const started = Date.now();
      let status = 200;
      while (status !== 401 && Date.now() - started < 3_000) {
        status = (await request(other.url).get('/api/owners').set(bearer(key))).status;
      }
      expect(status).toBe(401);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await millisUntilRefused(t, key)).toBeLessThan(1_000);
    } finally {
      await other.stop();
    }
  });

  it('refuses every key of a disabled user at once, and accepts them again when re-enabled', async () => {
    const user = await t.http
      .post(`/internal/tenants/${tenant.id}/users`)
      .set('X-Internal-Token', INTERNAL_TOKEN)
      .send({ email: 'temp@example.com', display_name: 'Temp', permissions: ['properties:read'] })
      .expect(201);
    const key = await createKey(t.http, tenant.id, { user_id: user.body.id });
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    await t.http.put(`/internal/tenants/${tenant.id}/users/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ disabled: true }).expect(200);
    expect(await millisUntilRefused(t, key)).toBeLessThan(1_000);
    await t.http.put(`/internal/tenants/${tenant.id}/users/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ disabled: false }).expect(200);
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
  });

  it('looks an unknown key up once, then refuses it from memory for a few seconds', async () => {
    const madeUp = bearer(generateApiKey('live').plaintext); // checksum-valid, in no database
    const query = jest.spyOn(t.app.get(DataSource), 'query');
    try {
      for (let i = 0; i < 5; i++) await expectUnauthorized(madeUp);
      expect(query.mock.calls.filter(([sql]) => String(sql).includes('authenticate_api_key'))).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });

  describe('permissions', () => {
    let readOnly: string;
    let ownerId: string;

    beforeAll(async () => {
      readOnly = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read'] });
      ownerId = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Perm' }).expect(201)).body.id;
    });

    it('lets a narrowed key read but not write', async () => {
      await t.http.get(`/api/owners/${ownerId}`).set(bearer(readOnly)).expect(200);
      const refused = await t.http.post('/api/owners').set(bearer(readOnly)).send({ owner_category: 'individual', last_name: 'No' }).expect(403);
      expect(refused.body.error).toEqual({
        code: 403,
        type: 'FORBIDDEN',
        message: 'The API key lacks a required permission',
        details: { required_permissions: ['properties:write'] },
      });
    });

    it('answers 403 identically for an existing, a missing and a foreign id', async () => {
      const other = await createTenant(t.http, 'Auth suite other');
      const foreign = (await t.http.post('/api/owners').set(other.auth).send({ owner_category: 'individual', last_name: 'F' }).expect(201)).body.id;
      const bodies = [];
      for (const id of [ownerId, randomUuid(), foreign]) {
        const response = await t.http.delete(`/api/owners/${id}`).set(bearer(readOnly)).expect(403);
        bodies.push(withoutMeta(response.body));
      }
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
      await t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).expect(200);
    });

    it('never grants a key more than its user holds, now or later', async () => {
      const user = await t.http
        .post(`/internal/tenants/${tenant.id}/users`)
        .set('X-Internal-Token', INTERNAL_TOKEN)
        .send({ email: 'reader@example.com', display_name: 'Reader', permissions: ['properties:read', 'properties:write'] })
        .expect(201);
      const tooMuch = await t.http
        .post(`/internal/tenants/${tenant.id}/api-keys`)
        .set('X-Internal-Token', INTERNAL_TOKEN)
        .send({ user_id: user.body.id, name: 'x', permissions: ['leases:read'] })
        .expect(400);
      expect(tooMuch.body.error.details.fields).toEqual([{ field: 'permissions', message: 'the user does not hold leases:read' }]);

      const key = await createKey(t.http, tenant.id, { user_id: user.body.id });
      await t.http.post('/api/owners').set(bearer(key)).send({ owner_category: 'individual', last_name: 'W' }).expect(201);
      await t.http
        .put(`/internal/tenants/${tenant.id}/users/${user.body.id}`)
        .set('X-Internal-Token', INTERNAL_TOKEN)
        .send({ permissions: ['properties:read'] })
        .expect(200);
      const started = Date.now();
      let status = 201;
      while (status !== 403 && Date.now() - started < 3_000) {
        status = (await t.http.post('/api/owners').set(bearer(key)).send({ owner_category: 'individual', last_name: 'W' })).status;
      }
      expect(status).toBe(403);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  it('records last_used_at off the request path, at most once a minute per key', async () => {
    const { KeyUsageRecorder } = await import('../src/core/auth/key-usage-recorder.js');
    const recorder = t.app.get(KeyUsageRecorder);
    const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId });
    const lastUsed = async () => {
      const keys = await t.http.get(`/internal/tenants/${tenant.id}/api-keys?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      return keys.body.data.find((k: { prefix: string; last4: string }) => k.prefix === key.slice(0, 12) && k.last4 === key.slice(-4)).last_used_at as string | null;
    };
    expect(await lastUsed()).toBeNull();
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    expect(await lastUsed()).toBeNull(); // not written by the request itself
    await recorder.flush();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    await recorder.flush();
    expect(await lastUsed()).toBe(first);
  });

  it('accepts sandbox keys as keys of their own environment', async () => {
    const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, environment: 'sandbox' });
    expect(key).toMatch(/^fp_sandbox_/);
    await t.http.get('/api/owners').set(bearer(key)).expect(200);
    const relabelled = generateApiKey('live').plaintext; // a live-shaped key never matches a sandbox hash
    await expectUnauthorized(bearer(relabelled));
  });
});
