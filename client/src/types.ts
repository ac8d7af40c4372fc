/**
 * What a call may send and gets back, read from the generated `paths`: a path template and a
 * method give its path parameters, query, body and success body. Nothing here is written per route.
 */
import type { components, paths } from './schema.js';

/** The methods the client offers. PATCH is the API's synonym of the partial-update PUT (SPEC §1). */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The document lists PUT only; a PATCH has the same parameters, body and answer. */
type DocumentedMethod<M extends Method> = M extends 'patch' ? 'put' : M;

/** The path templates that have method `M`, e.g. `PathsWith<'post'>` includes `'/api/owners'`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in DocumentedMethod<M>]: object } ? P : never;
}[keyof paths];

/** The generated operation of a path and method. */
export type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in DocumentedMethod<M>]: infer Op } ? Op : never;

type ParametersOf<Op> = Op extends { parameters: infer Parameters } ? Parameters : object;

type PathPart<Op> = ParametersOf<Op> extends { path: infer Path } ? { path: Path } : { path?: never };

type QueryPart<Op> =
  ParametersOf<Op> extends { query: infer Query }
    ? { query: Query }
    : ParametersOf<Op> extends { query?: infer Query }
      ? [Query] extends [undefined] ? { query?: never } : { query?: Query }
      : { query?: never };

/** JSON bodies are typed from their schema; the one multipart route (media upload) takes FormData. */
type BodyOf<Content> = Content extends { 'application/json': infer Json } ? Json : Content extends { 'multipart/form-data': unknown } ? FormData : never;

type BodyPart<Op> = Op extends { requestBody?: never }
  ? { body?: never }
  : Op extends { requestBody: { content: infer Content } }
    ? { body: BodyOf<Content> }
    : Op extends { requestBody?: { content: infer Content } }
      ? { body?: BodyOf<Content> }
      : { body?: never };

/** Options of every call, whatever the route. */
export interface CallOptions {
  /** Extra headers (Authorization is always the client's key; an Idempotency-Key here counts as `idempotencyKey`). */
  headers?: Record<string, string>;
  /** Aborts the call, its retries and the waits between them. */
  signal?: AbortSignal;
  /**
   * POST only: the Idempotency-Key to send. By default each call draws a new one and reuses it on
   * its own retries; pass your own (e.g. derived from your order id) to make a call safe to repeat
   * across restarts of your process. The API replays the first response for 24 h.
   */
  idempotencyKey?: string;
}

/** Everything a call to path `P` with method `M` may carry; `path`, `query` or `body` are required when the route requires them. */
export type RequestOptions<Op> = PathPart<Op> & QueryPart<Op> & BodyPart<Op> & CallOptions;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The options argument: optional when the route needs neither path parameters, nor a body, nor a required query. */
export type OptionsArgument<Op> = RequiredKeys<RequestOptions<Op>> extends never ? [options?: RequestOptions<Op>] : [options: RequestOptions<Op>];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponsesOf<Op> = Op extends { responses: infer Responses } ? Responses : never;
type SuccessResponse<Op> = { [S in keyof ResponsesOf<Op>]: S extends SuccessStatus ? ResponsesOf<Op>[S] : never }[keyof ResponsesOf<Op>];

/** JSON is parsed and typed; a file (PDF, image) comes back as a Blob; no content (204) is `undefined`. */
type ContentOf<Response> = Response extends { content: infer Content }
  ? Content extends { 'application/json': infer Json } ? Json : Blob
  : undefined;

/** The success body of an operation. */
export type ResponseBody<Op> = ContentOf<SuccessResponse<Op>>;

/** The list routes: their answer is `{data: [...], meta: {pagination}}` (SPEC §5). */
export type PaginatedPaths = {
  [P in PathsWith<'get'>]: ResponseBody<Operation<P, 'get'>> extends { data: unknown[]; meta: { pagination?: unknown } } ? P : never;
}[PathsWith<'get'>];

/** One item of a list route. */
export type PageItem<P extends PaginatedPaths> = ResponseBody<Operation<P, 'get'>> extends { data: (infer Item)[] } ? Item : never;

/** `Schema<'Owner'>`: a named schema of the document. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** `{code, type, message, details}` and `{request_id, timestamp}`: the error envelope (SPEC §4). */
export type ErrorEnvelope = Schema<'ErrorResponseDto'>;
