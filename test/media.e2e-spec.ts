import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pdfOfSize, SAMPLE_FILES } from './support/files.js';
import { createTenant, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { binary } from './support/pdf.js';

const MAX_BYTES = 256 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Every file under a directory, recursively (the staging area included). */
function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((entry) => statSync(path.join(root, entry)).isFile());
  } catch {
    return [];
  }
}

describe('Media', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let estateId: string;

  const upload = (file: Buffer | null, filename: string, fields: Record<string, string | string[]>) => {
    const request = t.http.post('/api/media').set(tenant.auth);
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) request.field(name, item);
    return file ? request.attach('file', file, filename) : request;
  };
  const stored = async () => {
    const rows = (await t.http.get('/api/media?per_page=100').set(tenant.auth).expect(200)).body.meta.pagination.total as number;
    return { rows, files: filesUnder(t.config.MEDIA_ROOT).length };
  };

  beforeAll(async () => {
    t = await startTestApp({ MEDIA_MAX_BYTES: String(MAX_BYTES) });
    tenant = await createTenant(t.http, 'Media suite');
    const owner = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'M' }).expect(201)).body.id;
    const place = (await t.http.post('/api/places').set(tenant.auth).send({ name: 'P', owner_id: owner, place_category: 'individual', street_name: 'r', postal_code: '75001', city: 'Paris' }).expect(201)).body.id;
    estateId = (await t.http.post(`/api/places/${place}/estates`).set(tenant.auth).send({ name: 'E', estate_type: 'studio' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each(Object.entries(SAMPLE_FILES))('round-trips a %s byte for byte with safe headers', async (kind, bytes) => {
    const created = await upload(bytes, `plan.${kind}`, { entity_type: 'estate', entity_id: estateId, tags: ['plan', '2026'], role: 'photo' }).expect(201);
    const mediaType = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' }[kind];
    expect(created.body).toMatchObject({ entity_type: 'estate', entity_id: estateId, filename: `plan.${kind}`, media_type: mediaType, size: bytes.length, sha256: sha(bytes), tags: ['plan', '2026'], role: 'photo' });
    expect(created.body).not.toHaveProperty('storage_key');
    expect(created.headers.location).toBe(`/api/media/${created.body.id}`);
    const download = await t.http.get(`/api/media/${created.body.id}/download`).set(tenant.auth).buffer(true).parse(binary).expect(200);
    expect(sha(download.body as Buffer)).toBe(sha(bytes));
    expect(download.headers['content-type']).toBe(mediaType);
    expect(download.headers['content-disposition']).toBe(`attachment; filename=plan.${kind}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-length']).toBe(String(bytes.length));
  });

  it('decides the type from the bytes, not the name or declared type', async () => {
    const png = await upload(SAMPLE_FILES.png, 'looks-like.pdf', { entity_type: 'estate', entity_id: estateId }).expect(201);
    expect(png.body).toMatchObject({ media_type: 'image/png', filename: 'looks-like.pdf' });
  });

  it('keeps a clean name: no path, no control characters, unicode kept', async () => {
    const created = await upload(SAMPLE_FILES.pdf, '../../etc/Évaluation\tDPE.pdf', { entity_type: 'estate', entity_id: estateId }).expect(201);
    expect(created.body.filename).toBe('Évaluation DPE.pdf');
    const download = await t.http.get(`/api/media/${created.body.id}/download`).set(tenant.auth).buffer(true).parse(binary).expect(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="?valuation DPE.pdf"; filename*=UTF-8''%C3%89valuation%20DPE.pdf`);
  });

  describe('refuses bad uploads and stores nothing', () => {
    let before: { rows: number; files: number };
    beforeEach(async () => {
      before = await stored();
    });
    afterEach(async () => {
      expect(await stored()).toEqual(before);
    });

    const fields = () => ({ entity_type: 'estate', entity_id: estateId });
    it.each([
      ['HTML with a .pdf name', () => upload(Buffer.from('<html><script>alert(1)</script></html>'), 'bail.pdf', fields()), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a GIF', () => upload(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'x.gif', fields()), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['zero bytes', () => upload(Buffer.alloc(0), 'empty.pdf', fields()), 400, 'VALIDATION_ERROR'],
      ['one byte over the limit', () => upload(pdfOfSize(MAX_BYTES + 1), 'big.pdf', fields()), 413, 'PAYLOAD_TOO_LARGE'],
      ['far over the limit', () => upload(pdfOfSize(MAX_BYTES * 8), 'huge.pdf', fields()), 413, 'PAYLOAD_TOO_LARGE'],
      ['no file', () => upload(null, '', fields()), 400, 'VALIDATION_ERROR'],
      ['no entity_type', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { entity_id: estateId }), 400, 'VALIDATION_ERROR'],
      ['a bad entity_id', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { entity_type: 'estate', entity_id: 'x' }), 400, 'VALIDATION_ERROR'],
      ['an unknown entity type', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { entity_type: 'tenant', entity_id: estateId }), 400, 'VALIDATION_ERROR'],
      ['a missing entity', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { entity_type: 'estate', entity_id: randomUuid() }), 404, 'NOT_FOUND'],
      ['the wrong entity type for the id', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { entity_type: 'lease', entity_id: estateId }), 404, 'NOT_FOUND'],
      ['a bad tag', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { ...fields(), tags: 'ok,<script>' }), 400, 'VALIDATION_ERROR'],
      ['an unknown field', () => upload(SAMPLE_FILES.pdf, 'a.pdf', { ...fields(), owner: 'x' }), 400, 'VALIDATION_ERROR'],
      ['two files in one field', () => upload(SAMPLE_FILES.pdf, 'a.pdf', fields()).attach('file', SAMPLE_FILES.png, 'b.png'), 400, 'VALIDATION_ERROR'],
      ['a file in another field', () => t.http.post('/api/media').set(tenant.auth).field('entity_type', 'estate').field('entity_id', estateId).attach('document', SAMPLE_FILES.pdf, 'a.pdf'), 400, 'VALIDATION_ERROR'],
      ['JSON instead of multipart', () => t.http.post('/api/media').set(tenant.auth).send({ entity_type: 'estate', entity_id: estateId }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a broken multipart body', () => t.http.post('/api/media').set(tenant.auth).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-'), 400, 'BAD_REQUEST'],
    ])('%s', async (_label, send, status, type) => {
      const response = await send();
      expect({ status: response.status, type: response.body.error?.type }).toEqual({ status, type });
    });
  });

  it('lists by entity and tag, and deletes the row and the stored bytes', async () => {
    const created = await upload(SAMPLE_FILES.jpeg, 'facade.jpg', { entity_type: 'estate', entity_id: estateId, tags: 'facade, exterieur' }).expect(201);
    expect(created.body.tags).toEqual(['facade', 'exterieur']);
    const byTag = await t.http.get('/api/media?tag=facade').set(tenant.auth).expect(200);
    expect(byTag.body.data.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    const byEntity = await t.http.get(`/api/media?entity_type=estate&entity_id=${estateId}&sort=-size`).set(tenant.auth).expect(200);
    expect(byEntity.body.data.length).toBeGreaterThan(1);
    const before = filesUnder(t.config.MEDIA_ROOT).length;
    await t.http.delete(`/api/media/${created.body.id}`).set(tenant.auth).expect(204);
    expect(filesUnder(t.config.MEDIA_ROOT).length).toBe(before - 1);
    await t.http.get(`/api/media/${created.body.id}`).set(tenant.auth).expect(404);
    await t.http.get(`/api/media/${created.body.id}/download`).set(tenant.auth).expect(404);
    await t.http.delete(`/api/media/${created.body.id}`).set(tenant.auth).expect(404);
  });

  it('refuses a raw control character in the multipart headers as malformed', async () => {
    const response = await upload(SAMPLE_FILES.pdf, 'bell\u0007.pdf', { entity_type: 'estate', entity_id: estateId });
    expect({ status: response.status, type: response.body.error.type }).toEqual({ status: 400, type: 'BAD_REQUEST' });
  });

  it('stores files under the tenant and id only', async () => {
    const created = await upload(SAMPLE_FILES.png, '../../../evil.png', { entity_type: 'estate', entity_id: estateId }).expect(201);
    expect(filesUnder(t.config.MEDIA_ROOT)).toContain(path.join(tenant.id, 'media', created.body.id));
  });
});
