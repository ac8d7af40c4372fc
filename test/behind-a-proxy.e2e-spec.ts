import { generateApiKey } from '../src/core/auth/api-key-format.js';
import type { Proof } from '../src/modules/signatures/proof/proof-chain.js';
import { buyCredits, signableLease } from './support/signing.js';
import { bearer, createKey, createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * The client's address, behind a load balancer (TRUST_PROXY names the proxies to believe): made-up
 * keys cost a database lookup each, so failed authentications are limited per client address
 * (AUTH_FAILURES_PER_MINUTE); and a signer's proof records the signer's address, not the proxy's.
 */
describe('Client addresses behind a proxy', () => {
  let limited: TestApp;
  let limitedTenant: TestTenant;

  beforeAll(async () => {
    limited = await startTestApp({ AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
    limitedTenant = await createTenant(limited.http, 'Auth limit');
  });
  afterAll(() => limited.close());

  const from = (ip: string, auth: Record<string, string>) => limited.http.get('/api/owners').set('X-Forwarded-For', ip).set(auth);

  it('answers 429 with Retry-After after the limit, to that address only, still serving keys it verified', async () => {
    const verified = limitedTenant.auth;
    await from('203.0.113.10', verified).expect(200); // verified once: now cached
    for (let i = 0; i < 3; i++) await from('203.0.113.10', bearer(generateApiKey('live').plaintext)).expect(401);
    const refused = await from('203.0.113.10', bearer(generateApiKey('live').plaintext)).expect(429);
    expect(refused.body.error.type).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const fresh = bearer(await createKey(limited.http, limitedTenant.id, { user_id: limitedTenant.adminUserId }));
    await from('203.0.113.10', fresh).expect(429); // a lookup it would cost: refused too
    await from('203.0.113.10', verified).expect(200); // no lookup needed
    await from('198.51.100.20', fresh).expect(200); // another client (TRUST_PROXY names the real one)
  });

  it('records the signer\'s own address in the proof, from X-Forwarded-For of a trusted proxy', async () => {
    await buyCredits(limited.http, limitedTenant, 'credits_1');
    const { leaseId, documentId } = await signableLease(limited.http, limitedTenant, 'Proxy');
    const signature = await limited.http.post(`/api/leases/${leaseId}/signature/initiate`).set('X-Forwarded-For', '192.0.2.44').set(limitedTenant.auth)
      .send({ document_id: documentId, signers: [{ type: 'owner', name: 'Claire', email: 'claire@example.fr' }] }).expect(201);
    await limited.http.post(`/api/leases/${leaseId}/signature/signers/${signature.body.signers[0].id}/otp`).set('X-Forwarded-For', '192.0.2.45').set(limitedTenant.auth).expect(200);
    const proof = (await limited.http.get(`/api/leases/${leaseId}/signature/proof`).set(limitedTenant.auth).expect(200)).body as Proof;
    expect(proof.events.map((event) => event.details.ip)).toEqual(['192.0.2.44', '192.0.2.45']);
  });
});
