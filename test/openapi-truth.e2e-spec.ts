import { ERROR_CATALOGUE } from '../src/core/errors/error-catalogue.js';
import type { ErrorType } from '../src/core/errors/domain-errors.js';
import { OpenApiValidator, type OpenApiDocument } from './support/openapi-validator.js';
import { responsesChecked } from './support/validate-responses.js';
import { createTenant, INTERNAL_TOKEN, startTestApp, type TestApp } from './support/test-app.js';

type Example = { value?: { error?: { code?: number; type?: string } }; $ref?: string };
type Media = { schema?: unknown; example?: Example['value']; examples?: Record<string, Example> };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, Media> };
type Operation = { security?: Record<string, string[]>[]; responses: Record<string, Response>; parameters?: { name?: string; in?: string; $ref?: string }[] };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { bearerFormat?: string }>; examples?: Record<string, Example>; parameters?: Record<string, { name: string; in: string }>; headers?: Record<string, unknown>; schemas: Record<string, unknown> };
};

const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })));
const keyed = (operation: Operation) => (operation.security ?? []).some((requirement) => 'api-key' in requirement);
const headerNames = (response: Response) => Object.keys(response.headers ?? {});

/**
 * The OpenAPI documents tell the truth (issue 15): an error example shows its own status and a
 * type the catalogue gives that status; the bearer scheme is not a JWT; the rate limit, the
 * Idempotency-Key and the response headers are documented wherever they apply.
 */
describe('OpenAPI documents tell the truth', () => {
  let t: TestApp;
  const documents: Record<'public' | 'internal', Document> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    documents.public = (await t.http.get('/docs/openapi.json').expect(200)).body;
    documents.internal = (await t.http.get('/internal/docs/openapi.json').set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body;
  });
  afterAll(() => t.close());

  it.each(['public', 'internal'] as const)('%s: every error example shows its own status and a type of that status', (which) => {
    const contradictions: string[] = [];
    let examples = 0;
    for (const { name, operation } of operationsOf(documents[which])) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) contradictions.push(`${name} ${status}: no content`);
        for (const [type, content] of media) {
          if (type !== 'application/json') contradictions.push(`${name} ${status}: error documented as ${type}`);
          const resolve = (example: Example) => (example.$ref ? documents[which].components.examples?.[example.$ref.split('/').pop()!] ?? {} : example);
          const shown = [...Object.values(content.examples ?? {}).map((example) => resolve(example).value), ...(content.example ? [content.example] : [])];
          if (shown.length === 0) contradictions.push(`${name} ${status}: no example`);
          for (const value of shown) {
            examples += 1;
            const errorType = value?.error?.type as ErrorType | undefined;
            if (value?.error?.code !== Number(status)) contradictions.push(`${name} ${status}: example code ${value?.error?.code}`);
            if (!errorType || ERROR_CATALOGUE[errorType]?.status !== Number(status)) contradictions.push(`${name} ${status}: example type ${errorType}`);
          }
        }
      }
    }
    expect(contradictions).toEqual([]);
    expect(examples).toBeGreaterThan(which === 'public' ? 500 : 20);
  });

  it('shows no status or type in the shared error schema (it would contradict every other status)', () => {
    for (const document of Object.values(documents)) {
      const errorSchemas = Object.entries(document.components.schemas).filter(([name]) => /^Error/.test(name));
      expect(errorSchemas.length).toBeGreaterThanOrEqual(3);
      const text = JSON.stringify(errorSchemas);
      expect(text).not.toMatch(/"example":\s*"?(NOT_FOUND|404)/);
    }
  });

  it('describes the bearer scheme as an API key, not a JWT', () => {
    const scheme = documents.public.components.securitySchemes['api-key'];
    expect(scheme.bearerFormat).toBeDefined();
    expect(scheme.bearerFormat).not.toMatch(/jwt/i);
  });

  it('documents 429 RATE_LIMITED with Retry-After, and the X-RateLimit-* headers, on every API-key operation', () => {
    const missing: string[] = [];
    for (const { name, operation } of operationsOf(documents.public).filter(({ operation }) => keyed(operation))) {
      const limited = operation.responses['429'];
      if (!limited) missing.push(`${name}: 429`);
      else {
        if (!headerNames(limited).includes('Retry-After')) missing.push(`${name}: 429 Retry-After`);
        if (!Object.keys(limited.content?.['application/json']?.examples ?? {}).includes('RATE_LIMITED')) missing.push(`${name}: 429 RATE_LIMITED example`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '401') continue; // refused before the key is known: no tenant to count against
        for (const header of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) if (!headerNames(response).includes(header)) missing.push(`${name} ${status}: ${header}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents the Idempotency-Key header and its 409 and 422 on every API-key POST', () => {
    const header = documents.public.components.parameters?.IdempotencyKey;
    expect(header).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const missing: string[] = [];
    const posts = operationsOf(documents.public).filter(({ method, operation }) => method === 'post' && keyed(operation));
    expect(posts.length).toBeGreaterThan(20);
    for (const { name, operation } of posts) {
      if (!operation.parameters?.some((parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey')) missing.push(`${name}: Idempotency-Key`);
      if (!operation.responses['409']) missing.push(`${name}: 409`);
      if (!Object.keys(operation.responses['422']?.content?.['application/json']?.examples ?? {}).includes('IDEMPOTENCY_KEY_REUSED')) missing.push(`${name}: 422 IDEMPOTENCY_KEY_REUSED`);
    }
    expect(missing).toEqual([]);
  });

  it('documents X-Request-Id on every response, Location on every 201 and WWW-Authenticate on every 401', () => {
    const missing: string[] = [];
    for (const document of Object.values(documents)) {
      for (const { name, operation } of operationsOf(document)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!headerNames(response).includes('X-Request-Id')) missing.push(`${name} ${status}: X-Request-Id`);
          if (status === '201' && !headerNames(response).includes('Location')) missing.push(`${name} 201: Location`);
          if (status === '401' && !headerNames(response).includes('WWW-Authenticate')) missing.push(`${name} 401: WWW-Authenticate`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  // The check above is honest only if the live answers carry what it reads.
  it('answers with the headers it documents', async () => {
    const tenantless = await t.http.get('/api/owners').expect(401);
    expect(tenantless.headers['x-request-id']).toBeDefined();
    expect(tenantless.headers['www-authenticate']).toBe('Bearer');
  });

  // Every e2e response goes through this validator (test/support/validate-responses.ts): it must be able to fail.
  describe('the response validator the suites run', () => {
    const validator = () => new OpenApiValidator(documents.public as unknown as OpenApiDocument);
    const json = { mediaType: 'application/json', empty: false };

    it('passes a live answer and the error envelope', async () => {
      const tenant = await createTenant(t.http, 'Validator');
      const owners = await t.http.get('/api/owners').set(tenant.auth).expect(200);
      expect(validator().check({ method: 'GET', path: '/api/owners', status: 200, ...json, body: owners.body })).toEqual([]);
      const missing = await t.http.get(`/api/owners/${crypto.randomUUID()}`).set(tenant.auth).expect(404);
      expect(validator().check({ method: 'GET', path: '/api/owners/x', status: 404, ...json, body: missing.body })).toEqual([]);
    });

    it('checks the suites\' responses against both documents', async () => {
      const before = { ...responsesChecked };
      await createTenant(t.http, 'Checked'); // internal calls, then none public
      await t.http.get('/api/owners').expect(401);
      expect(responsesChecked.internal).toBeGreaterThan(before.internal);
      expect(responsesChecked.public).toBe(before.public + 1);
    });

    it('fails an undocumented status, media type or body shape', () => {
      const page = { data: [], meta: { pagination: { current_page: 1, per_page: 20, total: 0, total_pages: 0, has_next: false, has_prev: false } } };
      expect(validator().check({ method: 'GET', path: '/api/owners', status: 418, ...json, body: page })?.join()).toMatch(/418, not documented/);
      expect(validator().check({ method: 'GET', path: '/api/owners', status: 200, mediaType: 'text/html', empty: false, body: '' })?.join()).toMatch(/text\/html/);
      expect(validator().check({ method: 'GET', path: '/api/credits/packages', status: 200, ...json, body: [] })?.join()).toMatch(/must be object/);
      expect(validator().check({ method: 'GET', path: '/api/owners', status: 200, ...json, body: { data: [{ id: 1 }], meta: page.meta } })?.join()).toMatch(/data\/0/);
      expect(validator().check({ method: 'GET', path: '/api/documents/x/download', status: 404, mediaType: 'application/pdf', empty: false, body: {} })?.join()).toMatch(/application\/pdf/);
      expect(validator().check({ method: 'GET', path: '/api/no-such-route', status: 404, ...json, body: {} })).toBeUndefined();
    });
  });
});
