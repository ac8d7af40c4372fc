import { startTestApp, type TestApp } from './support/test-app.js';

/** Routes that need no key (SPEC section 2), each documented as such. */
const PUBLIC_PATHS = ['/api/health', '/api/signatures/proof-keys', '/sign/{token}/otp', '/sign/{token}/validate'];

type Operation = { security?: Record<string, string[]>[]; responses: Record<string, unknown>; 'x-required-permissions'?: string[]; parameters?: { name: string; in: string }[] };

/** The public contract as a partner sees it in Swagger: every operation says what it needs and what can fail. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { type: string; scheme?: string }> } };

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, path, operation })));

  it('declares the bearer scheme', () => {
    expect(doc.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists owners CRUD and health, and nothing internal', () => {
    const names = operations().map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['GET /api/owners', 'POST /api/owners', 'GET /api/owners/{id}', 'PUT /api/owners/{id}', 'DELETE /api/owners/{id}', 'GET /api/health']));
    expect(names.filter((name) => name.includes('/internal'))).toEqual([]);
  });

  it('gives every authenticated operation its permission, bearer security, and its error responses', () => {
    for (const { name, path, operation } of operations()) {
      if (PUBLIC_PATHS.includes(path)) continue;
      expect({ name, permissions: operation['x-required-permissions']?.length ?? 0 }).toEqual({ name, permissions: 1 });
      expect({ name, security: operation.security }).toEqual({ name, security: [{ 'api-key': [] }] });
      for (const status of ['401', '403', '500', '503']) expect({ name, status, documented: status in operation.responses }).toEqual({ name, status, documented: true });
      if (path.includes('{id}')) expect({ name, documented: '404' in operation.responses }).toEqual({ name, documented: true });
    }
  });

  // OpenAPI requires it, and the typed client (client/) can only fill the parameters it is told of.
  it('declares every path parameter of every operation', () => {
    for (const { name, path, operation } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const documented = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name).sort();
      expect({ name, documented }).toEqual({ name, documented: inPath });
    }
  });

  it('types every schema property (no bare `object` where a string, number or boolean is meant)', () => {
    const schemas = (doc.components as unknown as { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> }).schemas;
    const untyped = Object.entries(schemas).flatMap(([schema, { properties = {} }]) =>
      Object.entries(properties)
        .filter(([, property]) => property.type === 'object' && !property.properties && !property.additionalProperties)
        .map(([name]) => `${schema}.${name}`),
    );
    expect(untyped).toEqual([]);
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await t.http.get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
