import type pg from 'pg';
import type TestAgent from 'supertest/lib/agent.js';
import yauzl from 'yauzl';
import { unitPhoto } from './condition-reports.js';
import { runningLease, TEST_INDICES } from './rent.js';
import { buyCredits, latestCode, signableLease, THREE_SIGNERS } from './signing.js';
import { createTenant, INTERNAL_TOKEN, sandboxOf, type TestTenant } from './test-app.js';

/**
 * A tenant with something in most tables: a running lease with a rent call, a payment and its
 * receipt, a photo, a signed lease (workflow, signers, proof events, signed PDF, outbox), credits,
 * a webhook endpoint, a contact, an idempotency record, and sandbox data of its own.
 */
export async function richTenant(http: TestAgent, name: string): Promise<TestTenant & { sandbox: TestTenant }> {
  for (const [quarter, value] of TEST_INDICES) {
    await http.put(`/internal/rent-indices/${quarter}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ value, source: 'test fixture' }).expect(200);
  }
  const tenant = await createTenant(http, name);
  const api = (method: 'get' | 'post', path: string, body?: object, as: TestTenant = tenant) => http[method](path).set(as.auth).send(body);
  const { leaseId, estateId } = await runningLease(http, tenant, {}, name);
  await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
  await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 850, received_on: '2027-01-03', method: 'transfer' }).expect(201);
  await unitPhoto(http, tenant, estateId);
  await buyCredits(http, tenant);
  const signable = await signableLease(http, tenant, name);
  const signature = (await api('post', `/api/leases/${signable.leaseId}/signature/initiate`, { document_id: signable.documentId, signers: THREE_SIGNERS }).expect(201)).body;
  for (const signer of signature.signers as { id: string }[]) {
    await api('post', `/api/leases/${signable.leaseId}/signature/signers/${signer.id}/otp`).expect(200);
    const { code } = await latestCode(http, tenant.id);
    await api('post', `/api/leases/${signable.leaseId}/signature/signers/${signer.id}/validate`, { otp: code }).expect(200);
  }
  await api('post', '/api/webhook-endpoints', { url: 'http://127.0.0.1:9/hook', events: ['*'] }).expect(201);
  await http.post('/api/contacts').set(tenant.auth).set('Idempotency-Key', `${name}-contact`).send({ type_contact: 'person', category: 'notary', last_name: 'Notaire' }).expect(201);
  const sandbox = await sandboxOf(http, tenant);
  await api('post', '/api/owners', { owner_category: 'individual', first_name: 'Sam', last_name: 'Sandbox' }, sandbox).expect(201);
  return { ...tenant, sandbox };
}

/** Every table of the catalogue with a tenant_id column (read as the owner role: checks only). */
export async function tenantTableNames(owner: pg.Client): Promise<string[]> {
  const { rows } = await owner.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     ORDER BY 1`);
  return rows.map((row) => row.name);
}

/** Rows per table of the given data spaces (the owner role bypasses RLS: checks only). */
export async function rowCounts(owner: pg.Client, dataSpaces: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTableNames(owner)) {
    const { rows } = await owner.query<{ count: string }>(`SELECT count(*) FROM public."${table}" WHERE tenant_id = ANY ($1)`, [dataSpaces]);
    counts[table] = Number(rows[0].count);
  }
  return counts;
}

/** Every entry of a zip archive, by name. */
export function unzip(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
