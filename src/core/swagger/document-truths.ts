import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import type { ErrorType } from '../errors/domain-errors.js';
import { DEFAULT_ERROR_TYPE, ERROR_CATALOGUE, ERROR_TYPES, EXAMPLE_DETAILS } from '../errors/error-catalogue.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Response headers, declared once and referenced by every response that carries them. */
const HEADERS = {
  'X-Request-Id': { description: 'The request id, also in the error envelope\'s `meta.request_id`; quote it when asking for help', schema: { type: 'string' } },
  'X-RateLimit-Limit': { description: 'Requests the tenant may make per hour', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current hour', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Unix time (seconds) when the window resets', schema: { type: 'integer' } },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
  Location: { description: 'URL path of the created resource', schema: { type: 'string' } },
  'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string' } },
};

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first successful answer is stored for 24 h and replayed (with `Idempotent-Replayed: true`) to a retry with the same key and request; ' +
    'the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 CONFLICT.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

export interface DocumentTruthOptions {
  /** The security scheme of API keys: its operations are rate limited and honour Idempotency-Key on POST. */
  keyedScheme?: string;
}

/**
 * What is true of every operation and that no controller should have to repeat, added after Swagger
 * has built the document: every error response in the JSON envelope (even on a route whose success
 * is a PDF) with examples of its own status generated from the error catalogue; X-Request-Id on
 * every response; Location on every 201; on API-key operations the rate limit (429 and the
 * X-RateLimit-* headers) and, on POST, the Idempotency-Key header with its 409 and 422.
 */
export function documentTruths(document: OpenAPIObject, options: DocumentTruthOptions = {}): OpenAPIObject {
  const components = (document.components ??= {});
  components.headers = { ...components.headers, ...HEADERS };
  // One example per error type, referenced by every response of its status (FORBIDDEN's names each operation's permission: inline).
  components.examples = { ...components.examples, ...Object.fromEntries(ERROR_TYPES.map((type) => [type, { summary: type, value: exampleOf(type) }])) };
  if (options.keyedScheme) components.parameters = { ...components.parameters, IdempotencyKey: IDEMPOTENCY_KEY };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const keyed = options.keyedScheme !== undefined && (operation.security ?? []).some((requirement) => options.keyedScheme! in requirement);
      if (keyed) declareKeyedTruths(operation, method);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && !('$ref' in response)) completeResponse(operation, Number(status), response, keyed);
      }
    }
  }
  return document;
}

function declareKeyedTruths(operation: OperationObject, method: string): void {
  const responses = operation.responses;
  responses['429'] ??= { description: 'Rate limited: the tenant\'s hourly limit, or too many failed authentications from this address (RATE_LIMITED)' };
  // Any key of a suspended tenant is refused, whatever the operation (the dashboard's suspension).
  appendDescription(responses, '403', 'TENANT_SUSPENDED: the tenant is suspended (`details.reason` says why)');
  if (method !== 'post') return;
  const parameters = (operation.parameters ??= []);
  if (!parameters.some((parameter) => 'name' in parameter && parameter.name === 'Idempotency-Key')) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  appendDescription(responses, '409', 'A request with the same Idempotency-Key is still being processed');
  appendDescription(responses, '422', 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with a different request');
}

function appendDescription(responses: OperationObject['responses'], status: string, text: string): void {
  const existing = responses[status] as ResponseObject | undefined;
  responses[status] = existing !== undefined ? { ...existing, description: existing.description ? `${existing.description}. ${text}` : text } : { description: text };
}

function completeResponse(operation: OperationObject, status: number, response: ResponseObject, keyed: boolean): void {
  const headers: Record<string, ReferenceObject> = { 'X-Request-Id': header('X-Request-Id') };
  if (keyed && status !== 401) for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) headers[name] = header(name);
  if (status === 201) headers.Location = header('Location');
  if (status === 401) headers['WWW-Authenticate'] = header('WWW-Authenticate');
  if (status === 429) headers['Retry-After'] = header('Retry-After');
  if (keyed && (status === 200 || status === 201) && operation.parameters?.some((p) => '$ref' in p && p.$ref.endsWith('/IdempotencyKey'))) headers['Idempotent-Replayed'] = header('Idempotent-Replayed');
  response.headers = { ...response.headers, ...headers };
  if (status < 400) return;
  response.content = {
    'application/json': {
      schema: ERROR_SCHEMA,
      examples: Object.fromEntries(
        errorTypesOf(operation, status, response).map((type) => [type, type === 'FORBIDDEN' ? { summary: type, value: exampleOf(type, operation) } : { $ref: `#/components/examples/${type}` }]),
      ),
    },
  };
}

/** The types named in the operation's or response's description for this status; else the status's default type. */
export function errorTypesOf(operation: OperationObject, status: number, response: ResponseObject): ErrorType[] {
  const text = `${operation.description ?? ''} ${operation.summary ?? ''} ${response.description ?? ''}`;
  const named: ErrorType[] = ERROR_TYPES.filter((type) => ERROR_CATALOGUE[type].status === status && new RegExp(`\\b${type}\\b`).test(text));
  // A bad query string or body, and the rate limit, can answer any operation that documents their status.
  if (status === 400 && !named.includes('BAD_REQUEST')) named.unshift('BAD_REQUEST');
  if (status === 429 && !named.includes('RATE_LIMITED')) named.unshift('RATE_LIMITED');
  // A 422 that only the Idempotency-Key adds names its one type; any other response without a named type shows its status's default.
  const onlyIdempotency = response.description?.startsWith('IDEMPOTENCY_KEY_REUSED') ?? false;
  const fallback = DEFAULT_ERROR_TYPE[status];
  if (fallback && !onlyIdempotency && !named.some((type) => !['IDEMPOTENCY_KEY_REUSED', 'BAD_REQUEST', 'RATE_LIMITED', 'TENANT_SUSPENDED'].includes(type)) && !named.includes(fallback)) named.unshift(fallback);
  return named;
}

function exampleOf(type: ErrorType, operation?: OperationObject) {
  const { status, message } = ERROR_CATALOGUE[type];
  const permissions = (operation as { 'x-required-permissions'?: string[] } | undefined)?.['x-required-permissions'];
  const details = type === 'FORBIDDEN' && permissions ? { required_permissions: permissions } : (EXAMPLE_DETAILS[type] ?? {});
  return {
    error: { code: status, type, message, details },
    meta: { request_id: '0195f3c2-7d1e-7b6a-9c61-3f5d2f1e8a90', timestamp: '2026-11-27T10:00:00.000Z' },
  };
}
