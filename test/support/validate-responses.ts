import request from 'supertest';
import { type ObservedResponse, validatorFor, type OpenApiValidator } from './openapi-validator.js';

/**
 * Every response any suite receives through supertest is checked against the OpenAPI document the
 * app itself serves (/docs/openapi.json, /internal/docs/openapi.json): status documented for the
 * operation, media type documented for the status, body matching the schema. A response that
 * contradicts the document fails the request's own assertion, so drift fails CI wherever it shows.
 * Objects are closed: a response field the document does not declare fails too. Routes the
 * document does not have (unknown routes, the docs themselves) are not checked.
 * `OPENAPI_RESPONSE_CHECK=open` accepts undeclared fields; `off` turns the check off (for a look at
 * a failure without it).
 */
type TestInstance = {
  app: unknown;
  method: string;
  url: string;
  _header?: Record<string, string | undefined>;
  [UNCHECKED]?: boolean;
  assert(error: unknown, response: SuperResponse | undefined, done?: (error: unknown, response: unknown) => void): void;
};
type SuperResponse = { status: number; headers: Record<string, string | undefined>; body: unknown; text?: string; type?: string };

const UNCHECKED = Symbol('unchecked');

/** How many responses were checked against each document (so a test can prove the check runs). */
export const responsesChecked = { public: 0, internal: 0 };
const { Test } = request as unknown as { Test: { prototype: TestInstance; new (app: unknown, method: string, path: string): TestInstance & PromiseLike<SuperResponse> & { set(name: string, value: string): unknown } } };

/** Per app (server or URL) and document: the document fetched once, compiled once per text. */
const documents = new WeakMap<object, Map<string, Promise<OpenApiValidator | undefined>>>();
const byUrl = new Map<string, Map<string, Promise<OpenApiValidator | undefined>>>();

/** The internal document needs the token the request itself carries; a failed fetch is not kept. */
function documentOf(app: unknown, documentPath: string, internalToken: string | undefined): Promise<OpenApiValidator | undefined> {
  const cache = typeof app === 'string' ? byUrl.get(app) ?? byUrl.set(app, new Map()).get(app)! : documents.get(app as object) ?? documents.set(app as object, new Map()).get(app as object)!;
  let validator = cache.get(documentPath);
  if (!validator) {
    const fetch = new Test(app, 'get', documentPath);
    fetch[UNCHECKED] = true;
    if (internalToken) fetch.set('X-Internal-Token', internalToken);
    validator = Promise.resolve(fetch).then(
      (response) => (response.status === 200 && response.text ? validatorFor(response.text, process.env.OPENAPI_RESPONSE_CHECK !== 'open') : undefined),
      () => undefined,
    );
    void validator.then((found) => found ?? cache.delete(documentPath));
    cache.set(documentPath, validator);
  }
  return validator;
}

async function problemsOf(test: TestInstance, response: SuperResponse): Promise<string[]> {
  const path = new URL(test.url).pathname;
  const internal = path.startsWith('/internal/');
  const validator = await documentOf(test.app, internal ? '/internal/docs/openapi.json' : '/docs/openapi.json', internal ? test._header?.['x-internal-token'] : undefined);
  if (!validator) return [];
  const problems = validator.check(observedOf(test, path, response));
  if (problems) responsesChecked[internal ? 'internal' : 'public'] += 1;
  return problems ?? [];
}

function observedOf(test: TestInstance, path: string, response: SuperResponse): ObservedResponse {
  const contentType = response.headers['content-type'];
  const length = response.headers['content-length'];
  return {
    method: test.method,
    path,
    status: response.status,
    mediaType: contentType ? contentType.split(';')[0].trim().toLowerCase() : undefined,
    body: response.body,
    empty: length === '0' || (!contentType && !response.text),
  };
}

if (process.env.OPENAPI_RESPONSE_CHECK !== 'off') {
  const assert = Test.prototype.assert;
  Test.prototype.assert = function (this: TestInstance, error, response, done) {
    if (!response || this[UNCHECKED]) return assert.call(this, error, response, done);
    problemsOf(this, response).then(
      (problems) => {
        const drift = problems.length > 0 ? new Error(`The response contradicts the OpenAPI document:\n  ${problems.join('\n  ')}`) : null;
        assert.call(this, error, response, (failure, settled) => done?.call(this, failure ?? drift, settled));
      },
      (failure: unknown) => done?.call(this, failure, response),
    );
  };
}
