import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, unknown>;
type Media = { schema?: Schema };
type Response = { content?: Record<string, Media>; $ref?: string };
type Operation = { responses?: Record<string, Response> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema>; responses?: Record<string, Response> } };

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  /** Without parameters: `application/json`. Undefined when the response has none. */
  mediaType: string | undefined;
  body: unknown;
  /** True when there is no body at all (204, HEAD, an empty 200). */
  empty: boolean;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ROOT = 'openapi';

/**
 * Checks responses against one OpenAPI 3.0 document: the status is documented for the operation,
 * the media type is documented for the status, and a JSON body matches the documented schema.
 * Schemas are converted to JSON Schema and compiled once per operation, status and media type.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; literal: number }[];

  /** `closed`: an object's properties are only those documented (a field the document lacks fails). */
  constructor(
    private readonly document: OpenApiDocument,
    private readonly closed = false,
  ) {
    addFormats(this.ajv);
    for (const format of ['binary', 'int32', 'int64', 'float', 'double', 'byte', 'password']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: ROOT, components: { schemas: toJsonSchema(document.components?.schemas ?? {}, closed) } });
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.split(/\{\w+\}/).map(escapeRegExp).join('[^/]+')}/?$`),
        literal: template.replace(/\{\w+\}/g, '').length,
      }))
      .sort((a, b) => b.literal - a.literal); // `/estates/search` before `/estates/{id}`
  }

  /** The documented template of a concrete path, if any. */
  templateOf(path: string): string | undefined {
    return this.templates.find(({ pattern }) => pattern.test(path))?.template;
  }

  /** Problems found, empty when the response tells the documented truth; undefined when the route is not documented here. */
  check(observed: ObservedResponse): string[] | undefined {
    const template = this.templateOf(observed.path);
    const operation = template === undefined ? undefined : this.document.paths[template][observed.method.toLowerCase()];
    if (!template || !operation) return undefined;
    const name = `${observed.method.toUpperCase()} ${template}`;
    const responses = operation.responses ?? {};
    const documented = responses[String(observed.status)] ?? responses[`${String(observed.status)[0]}XX`] ?? responses.default;
    if (!documented) return [`${name} answered ${observed.status}, not documented (documented: ${Object.keys(responses).join(', ')})`];
    const response = this.resolve(documented);
    const content = response.content ?? {};
    if (observed.empty && observed.mediaType === undefined) {
      return Object.keys(content).length === 0 || observed.method.toUpperCase() === 'HEAD' ? [] : [`${name} ${observed.status} answered no body; documented: ${Object.keys(content).join(', ')}`];
    }
    if (Object.keys(content).length === 0) return observed.empty ? [] : [`${name} ${observed.status} answered ${observed.mediaType ?? 'a body'}; documented: no content`];
    const mediaType = observed.mediaType ?? '';
    const key = Object.keys(content).find((candidate) => mediaMatches(candidate, mediaType));
    if (key === undefined) return [`${name} ${observed.status} answered ${mediaType || 'no content type'}; documented: ${Object.keys(content).join(', ')}`];
    const schema = content[key].schema;
    if (!schema || !isJson(mediaType)) return [];
    const validate = this.validatorFor(`${name} ${observed.status} ${key}`, schema);
    if (validate(observed.body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((error) => `${name} ${observed.status} body${error.instancePath} ${error.message ?? 'is invalid'} (${JSON.stringify(error.params)})`);
  }

  private resolve(response: Response): Response {
    if (!response.$ref) return response;
    return this.document.components?.responses?.[response.$ref.split('/').pop() ?? ''] ?? {};
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, this.closed) as Schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

const validators = new Map<string, OpenApiValidator>();

/** One validator per distinct document text: every app of a process serving it shares the compiled schemas. */
export function validatorFor(documentText: string, closed = false): OpenApiValidator {
  const digest = createHash('sha256').update(documentText).digest('hex');
  let validator = validators.get(digest);
  if (!validator) {
    validator = new OpenApiValidator(JSON.parse(documentText) as OpenApiDocument, closed);
    validators.set(digest, validator);
  }
  return validator;
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

function mediaMatches(documented: string, actual: string): boolean {
  if (documented === actual || documented === '*/*') return true;
  const [type, subtype] = documented.split('/');
  return subtype === '*' && actual.startsWith(`${type}/`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * OpenAPI 3.0 schema objects to JSON Schema (draft 7, as Ajv reads it): `nullable`, boolean
 * `exclusiveMinimum`/`exclusiveMaximum`, and references into the components.
 */
export function toJsonSchema(value: unknown, closed = false): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, closed));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Schema;
  const schema: Schema = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key === 'xml' || key === 'discriminator') continue;
    if (key === '$ref' && typeof child === 'string') schema.$ref = child.startsWith('#/') ? `${ROOT}${child}` : child;
    else if (key === 'properties' || key === 'components' || key === 'schemas' || key === 'patternProperties') {
      schema[key] = Object.fromEntries(Object.entries(child as Schema).map(([name, property]) => [name, toJsonSchema(property, closed)]));
    } else schema[key] = toJsonSchema(child, closed);
  }
  if (closed && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (schema[exclusive] === true) {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else if (schema[exclusive] === false) delete schema[exclusive];
  }
  if (source.nullable !== true) return schema;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
    return schema;
  }
  return { anyOf: [schema, { type: 'null' }] };
}
