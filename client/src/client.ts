import { FairePlaceConnectionError, FairePlaceError } from './errors.js';
import type { Method, OptionsArgument, Operation, PageItem, PaginatedPaths, PathsWith, ResponseBody } from './types.js';

export interface ClientOptions {
  /** Where the API is, e.g. `https://api.faireplace.fr` (paths start with `/api/`). */
  baseUrl: string;
  /** `fp_live_…` or `fp_sandbox_…`. Keep it on a server: it acts with its user's permissions. */
  apiKey: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * How many times a call is sent again after a network error, a 5xx or a 429 (default 2). Every
   * method is retried: GET, PUT, PATCH and DELETE are idempotent, and POST carries an
   * Idempotency-Key that the API uses to replay instead of doing the work twice.
   */
  retries?: number;
  /** The first wait before a retry, doubled each time, with jitter (default 300 ms). */
  backoffMs?: number;
}

/** A wait longer than this (a `Retry-After` of minutes, say) is not waited: the error is thrown. */
const MAX_RETRY_WAIT_MS = 30_000;

export interface FairePlaceClient {
  get<P extends PathsWith<'get'>>(path: P, ...options: OptionsArgument<Operation<P, 'get'>>): Promise<ResponseBody<Operation<P, 'get'>>>;
  post<P extends PathsWith<'post'>>(path: P, ...options: OptionsArgument<Operation<P, 'post'>>): Promise<ResponseBody<Operation<P, 'post'>>>;
  put<P extends PathsWith<'put'>>(path: P, ...options: OptionsArgument<Operation<P, 'put'>>): Promise<ResponseBody<Operation<P, 'put'>>>;
  patch<P extends PathsWith<'patch'>>(path: P, ...options: OptionsArgument<Operation<P, 'patch'>>): Promise<ResponseBody<Operation<P, 'patch'>>>;
  delete<P extends PathsWith<'delete'>>(path: P, ...options: OptionsArgument<Operation<P, 'delete'>>): Promise<ResponseBody<Operation<P, 'delete'>>>;
  /**
   * Every item of a list, page after page (`meta.pagination.has_next`), starting at `query.page`
   * (default 1) with `query.per_page` items a page (default 100, the most the API serves). An item that moves to a later page while you
   * iterate (one created meanwhile shifts the pages) is yielded once: ids already seen are skipped.
   */
  paginate<P extends PaginatedPaths>(path: P, ...options: OptionsArgument<Operation<P, 'get'>>): AsyncIterableIterator<PageItem<P>>;
}

type AnyOptions = {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  idempotencyKey?: string;
};

export function createClient(options: ClientOptions): FairePlaceClient {
  if (!options.baseUrl) throw new TypeError('createClient needs a baseUrl');
  if (!options.apiKey) throw new TypeError('createClient needs an apiKey');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const retries = Math.max(0, options.retries ?? 2);
  const backoffMs = Math.max(0, options.backoffMs ?? 300);

  async function call(method: Method, template: string, init: AnyOptions = {}): Promise<unknown> {
    const url = baseUrl + fillPath(template, init.path) + queryString(init.query);
    const httpMethod = method.toUpperCase();
    const headers: Record<string, string> = lowerCaseNames(init.headers);
    headers.authorization = `Bearer ${options.apiKey}`;
    let body: string | FormData | undefined;
    if (init.body instanceof FormData) body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    // One key per logical call: its retries send the same one, so the API does the work once.
    if (httpMethod === 'POST') headers['idempotency-key'] = init.idempotencyKey ?? headers['idempotency-key'] ?? crypto.randomUUID();

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetchImpl(url, { method: httpMethod, headers, body, signal: init.signal });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        if (attempt < retries) {
          await sleep(backoff(attempt), init.signal);
          continue;
        }
        throw new FairePlaceConnectionError(`${httpMethod} ${template}: no answer from ${baseUrl} (${describe(error)})`, { cause: error, attempts: attempt + 1 });
      }
      if (response.ok) return readBody(response);
      const wait = attempt < retries && isRetryable(httpMethod, response.status, attempt) ? retryWait(response, attempt) : undefined;
      if (wait === undefined) throw await FairePlaceError.fromResponse(response);
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, init.signal);
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(MAX_RETRY_WAIT_MS, backoffMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  /** Retry-After when the API sends one (429, some 503), else the backoff; undefined: not worth waiting. */
  function retryWait(response: Response, attempt: number): number | undefined {
    const header = response.headers.get('retry-after');
    if (header === null || !/^\d+$/.test(header.trim())) return backoff(attempt);
    const wait = Number(header) * 1000;
    return wait <= MAX_RETRY_WAIT_MS ? wait : undefined;
  }

  async function* paginate(template: string, init: AnyOptions = {}): AsyncGenerator<unknown> {
    const seen = new Set<unknown>();
    let page = Number(init.query?.page ?? 1);
    // The largest page the API serves (SPEC §5), unless the caller chose a size: fewer round trips.
    const size = init.query?.per_page ?? init.query?.limit ?? 100;
    for (;;) {
      const query = { ...init.query, limit: undefined, per_page: size, page };
      const result = (await call('get', template, { ...init, query })) as { data: unknown[]; meta?: { pagination?: { has_next?: boolean } } };
      for (const item of result.data) {
        const id = (item as { id?: unknown } | null)?.id;
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        yield item;
      }
      if (!result.meta?.pagination?.has_next || result.data.length === 0) return;
      page += 1;
    }
  }

  const untyped = (method: Method) => (path: string, init?: AnyOptions) => call(method, path, init);
  return {
    get: untyped('get'),
    post: untyped('post'),
    put: untyped('put'),
    patch: untyped('patch'),
    delete: untyped('delete'),
    paginate: (path: string, init?: AnyOptions) => paginate(path, init),
  } as unknown as FairePlaceClient; // the typed signatures above describe exactly these untyped calls
}

/**
 * 5xx and 429: the API did not do the work (a failed request releases its Idempotency-Key), or
 * says when to come back. 409 on a POST retry: the first attempt, whose answer was lost, still
 * holds the key ("still being processed"); once it is done the retry gets its replay.
 */
function isRetryable(method: string, status: number, attempt: number): boolean {
  return status >= 500 || status === 429 || (status === 409 && method === 'POST' && attempt > 0);
}

function fillPath(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`${template}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** `a=1&b=x`, arrays as repeated keys; undefined and null are left out. */
function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined && item !== null) search.append(name, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/.test(type)) {
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }
  return response.blob();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function lowerCaseNames(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
