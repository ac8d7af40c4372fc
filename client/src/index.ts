/**
 * @faireplace/client: the FairePlace API, typed from its OpenAPI document (src/schema.ts,
 * generated) with a small fetch client: API-key auth, Idempotency-Key on every POST reused on its
 * retries, retries with backoff, page-by-page iteration, typed errors, webhook verification.
 */
export { createClient, type ClientOptions, type FairePlaceClient } from './client.js';
export { FairePlaceConnectionError, FairePlaceError, type ErrorType, type FieldError } from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { CallOptions, ErrorEnvelope, Method, Operation, PageItem, PaginatedPaths, PathsWith, RequestOptions, ResponseBody, Schema } from './types.js';
export {
  SIGNATURE_HEADER,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookEvent,
  type WebhookVerificationFailure,
} from './webhooks.js';
