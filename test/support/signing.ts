import type TestAgent from 'supertest/lib/agent.js';
import { INTERNAL_TOKEN, type TestTenant } from './test-app.js';

/** Buys `packageId` with the manual provider and records it paid, as the dashboard would. */
export async function buyCredits(http: TestAgent, tenant: TestTenant, packageId = 'credits_5'): Promise<void> {
  const payment = await http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: packageId, success_url: 'https://app.example.fr/ok', cancel_url: 'https://app.example.fr/ko' }).expect(201);
  await http.post(`/internal/tenants/${tenant.id}/payments/${payment.body.id}/complete`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
}

/** A lease with two tenants and a PDF, ready to be signed. */
export async function signableLease(http: TestAgent, tenant: TestTenant, label = 'Sign'): Promise<{ leaseId: string; documentId: string }> {
  const post = async (path: string, body: object = {}) => (await http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
  const owner = await post('/api/owners', { owner_category: 'individual', first_name: 'Claire', last_name: `${label} Bailleur` });
  const place = await post('/api/places', { name: `${label} Résidence`, owner_id: owner, place_category: 'collective', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon' });
  const estate = await post(`/api/places/${place}/estates`, { name: `${label} 3B`, estate_type: 'apartment', area: 42 });
  const leaseId = await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 750, deposit_amount: 750 });
  for (const name of ['Alice', 'Bruno']) {
    await post(`/api/leases/${leaseId}/lessees`, { lessee_id: await post('/api/lessees', { category: 'individual', first_name: name, last_name: `${label} Locataire` }), role: 'tenant' });
  }
  const documentId = await post(`/api/leases/${leaseId}/pdf`);
  return { leaseId, documentId };
}

export const THREE_SIGNERS = [
  { type: 'tenant', name: 'Alice Locataire', email: 'alice@example.fr' },
  { type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' },
  { type: 'tenant', name: 'Bruno Locataire', phone: '+33612345678' },
];

/** The code in the newest outbox message (what the signer received). */
export async function latestCode(http: TestAgent, tenantId: string): Promise<{ code: string; recipient: string; channel: string }> {
  const outbox = await http.get(`/internal/tenants/${tenantId}/outbox?per_page=1`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  const message = outbox.body.data[0];
  const code = /(\d{6})/.exec(message.body)?.[1];
  if (!code) throw new Error('no code in the outbox');
  return { code, recipient: message.recipient, channel: message.channel };
}
