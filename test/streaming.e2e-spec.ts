import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pdfOfSize } from './support/files.js';
import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * A download must not hold its tenant transaction (and so a pooled connection) while bytes go
 * out: with a pool of ONE connection, a download stalled by a client that reads nothing must
 * not block the next request.
 */
describe('Streaming without a held transaction', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let base: string;
  let mediaId: string;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '1', MEDIA_MAX_BYTES: String(8 * 1024 * 1024) });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(t.http, 'Streaming suite');
    const post = async (path: string, body: object) => (await t.http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
    const owner = await post('/api/owners', { owner_category: 'individual', last_name: 'S' });
    const place = await post('/api/places', { name: 'P', owner_id: owner, place_category: 'individual', street_name: 'r', postal_code: '75001', city: 'Paris' });
    const estate = await post(`/api/places/${place}/estates`, { name: 'E', estate_type: 'studio' });
    const lease = await post('/api/leases', { estate_id: estate, lease_type: 'furnished', start_date: '2026-01-01', rent_amount: 500 });
    documentId = (await t.http.post(`/api/leases/${lease}/pdf`).set(tenant.auth).expect(201)).body.id;
    mediaId = (await t.http.post('/api/media').set(tenant.auth).field('entity_type', 'estate').field('entity_id', estate).attach('file', pdfOfSize(6 * 1024 * 1024), 'big.pdf').expect(201)).body.id;
  });
  afterAll(() => t.close());

  /** Starts a download and never reads it: the server stalls on a full socket buffer. */
  function stalledDownload(path: string): Promise<http.ClientRequest> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${base}${path}`, { headers: tenant.auth }, (response) => {
        expect(response.statusCode).toBe(200);
        response.pause();
        resolve(request);
      });
      request.on('error', reject);
    });
  }

  it('serves other requests while a 6 MiB download is stalled mid-stream', async () => {
    // The server's side of the download, to check it really is stuck mid-stream.
    let serverSide: ServerResponse | undefined;
    const capture = (request: IncomingMessage, response: ServerResponse) => {
      if (request.url?.endsWith('/download')) serverSide = response;
    };
    t.app.getHttpServer().on('request', capture);
    const stalled = await stalledDownload(`/api/media/${mediaId}/download`);
    t.app.getHttpServer().off('request', capture);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // let every buffer on the way fill up
      expect(serverSide?.headersSent).toBe(true);
      expect(serverSide?.writableFinished).toBe(false); // still bytes to send: the download is stalled
      // Were the download's connection still held, these would wait for the pool and fail (503).
      await t.http.get('/api/owners').set(tenant.auth).expect(200);
      await t.http.get(`/api/documents/${documentId}`).set(tenant.auth).expect(200);
      await t.http.get(`/api/media/${mediaId}`).set(tenant.auth).expect(200);
      expect(serverSide?.writableFinished).toBe(false); // ... and still was while those were served
    } finally {
      stalled.destroy();
    }
  });
});
