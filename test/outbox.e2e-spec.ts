import { createServer, type Server } from 'node:net';
import { jest } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import { Jobs } from '../src/core/jobs/jobs.js';
import { SignaturesRepository } from '../src/modules/signatures/signatures.repository.js';
import { buyCredits, signableLease } from './support/signing.js';
import { createTenant, INTERNAL_TOKEN, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const CODE = /\d{6}/;

/** A lease under signature and a code sent to its first signer; returns that signer's outbox message. */
async function codeSent(t: TestApp, tenant: TestTenant, label: string) {
  const { leaseId, documentId } = await signableLease(t.http, tenant, label);
  const signature = (await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(tenant.auth).send({ document_id: documentId, signers: [{ type: 'owner', name: 'Claire', email: 'claire@example.fr' }] }).expect(201)).body;
  const started = performance.now();
  await t.http.post(`/api/leases/${leaseId}/signature/signers/${signature.signers[0].id}/otp`).set(tenant.auth).expect(200);
  const elapsedMs = performance.now() - started;
  const outbox = await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=1`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  return { message: outbox.body.data[0], leaseId, signerId: signature.signers[0].id as string, elapsedMs };
}

/**
 * The outbox is a delivery queue (SPEC section 7): with SMTP a job delivers after commit, without
 * it the dashboard delivers; either way a code does not stay readable once delivered or expired.
 */
describe('Notification outbox', () => {
  describe('delivered by the dashboard (no SMTP)', () => {
    let t: TestApp;
    let tenant: TestTenant;

    beforeAll(async () => {
      t = await startTestApp();
      tenant = await createTenant(t.http, 'Outbox dashboard');
      await buyCredits(t.http, tenant, 'credits_10');
    });
    afterAll(() => t.close());

    it('shows the code until the dashboard marks the message delivered, then masks it', async () => {
      const { message } = await codeSent(t, tenant, 'Dashboard');
      expect(message).toMatchObject({ delivery: 'dashboard', delivered_at: null, redacted_at: null });
      const code = CODE.exec(message.body)![0];
      const pending = await t.http.get(`/internal/tenants/${tenant.id}/outbox?pending=true`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(pending.body.data.map((m: { id: string }) => m.id)).toContain(message.id);
      const delivered = await t.http.post(`/internal/tenants/${tenant.id}/outbox/${message.id}/delivered`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(delivered.body).toMatchObject({ delivered_at: expect.any(String), redacted_at: expect.any(String) });
      expect(delivered.body.body).not.toContain(code);
      expect(delivered.body.body).toContain('••••••');
      const again = await t.http.post(`/internal/tenants/${tenant.id}/outbox/${message.id}/delivered`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(again.body.delivered_at).toBe(delivered.body.delivered_at);
      const afterwards = await t.http.get(`/internal/tenants/${tenant.id}/outbox?pending=true`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
      expect(afterwards.body.data.map((m: { id: string }) => m.id)).not.toContain(message.id);
    });

    it('masks a code nobody delivered once it has expired (the recurring sweep job)', async () => {
      const { message } = await codeSent(t, tenant, 'Expired');
      const owner = await ownerRoleClient();
      await owner.query(`UPDATE outbox_messages SET code_expires_at = now() - interval '1 second' WHERE id = $1`, [message.id]);
      const [stored] = (await owner.query(`SELECT body FROM outbox_messages WHERE id = $1`, [message.id])).rows;
      await owner.end();
      expect(stored.body).toMatch(CODE);
      const jobs = t.app.get(Jobs);
      await jobs.enqueue('notifications.redact-expired', {});
      await jobs.runPending('notifications.redact-expired');
      const listed = (await t.http.get(`/internal/tenants/${tenant.id}/outbox?pending=true&per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data;
      const masked = listed.find((m: { id: string }) => m.id === message.id);
      expect(masked).toMatchObject({ delivered_at: null, redacted_at: expect.any(String) });
      expect(masked.body).not.toMatch(CODE);
    });

    it('writes nothing when the change that sent the code rolls back', async () => {
      const before = (await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=1`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.meta.pagination.total;
      const { leaseId, documentId } = await signableLease(t.http, tenant, 'Rollback');
      const signature = (await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(tenant.auth).send({ document_id: documentId, signers: [{ type: 'owner', name: 'C', email: 'c@example.fr' }] }).expect(201)).body;
      const repository = t.app.get(SignaturesRepository);
      const spy = jest.spyOn(repository, 'appendEvent').mockRejectedValueOnce(new Error('simulated failure after the message was written'));
      try {
        await t.http.post(`/api/leases/${leaseId}/signature/signers/${signature.signers[0].id}/otp`).set(tenant.auth).expect(500);
      } finally {
        spy.mockRestore();
      }
      const after = (await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=1`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.meta.pagination.total;
      expect(after).toBe(before);
    });
  });

  describe('delivered by SMTP, after commit, by a job', () => {
    let t: TestApp;
    let tenant: TestTenant;
    let smtp: SMTPServer;
    let silent: Server;
    const received: { to: string; text: string }[] = [];

    beforeAll(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), text });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const port = (smtp.server.address() as { port: number }).port;
      t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
      tenant = await createTenant(t.http, 'Outbox SMTP');
      await buyCredits(t.http, tenant, 'credits_10');
    });
    afterAll(async () => {
      await t.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });

    it('answers the request without talking to the mail server, then the job sends it and masks the code', async () => {
      const { message } = await codeSent(t, tenant, 'Smtp');
      expect(message).toMatchObject({ delivery: 'smtp', delivered_at: null });
      expect(received).toHaveLength(0); // nothing sent inside the request
      const code = CODE.exec(message.body)![0];
      expect(await t.app.get(Jobs).runPending('notifications.deliver', (job) => job.tenant_id === tenant.id)).toBe(1);
      expect(received).toEqual([{ to: 'claire@example.fr', text: expect.stringContaining(code) }]);
      const outbox = (await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=1`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data[0];
      expect(outbox).toMatchObject({ id: message.id, delivered_at: expect.any(String), redacted_at: expect.any(String) });
      expect(outbox.body).not.toContain(code);
    });

    it('answers at once even when the mail server never answers, and retries the delivery later', async () => {
      // A server that accepts connections and says nothing: SMTP would hang on its greeting.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const stalled = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${(silent.address() as { port: number }).port}` });
      try {
        const slowTenant = await createTenant(stalled.http, 'Outbox stalled');
        await buyCredits(stalled.http, slowTenant, 'credits_1');
        const { message, elapsedMs } = await codeSent(stalled, slowTenant, 'Stalled');
        expect(message).toMatchObject({ delivery: 'smtp', delivered_at: null });
        expect(elapsedMs).toBeLessThan(2_000); // SMTP's greeting timeout alone is 10 s
      } finally {
        await stalled.close();
        silent.close();
      }
    });
  });
});
