/**
 * Every kind of event the API records (GET /api/events) and sends to webhook endpoints. Each
 * one's `data` is the resource as the API answers it (its OpenAPI schema is named in
 * src/modules/webhooks/event-schemas.ts, which a new type must complete).
 */
export const EVENT_TYPES = [
  'lease.status_changed',
  'signature.signer_completed',
  'signature.completed',
  'signature.expired',
  'payment.succeeded',
  'credits.balance_low',
  'document.generated',
  'rent_call.issued',
  'rent_payment.received',
  'receipt.issued',
  'notice.given',
  'termination.completed',
  'webhook_endpoint.disabled',
  'ping',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** `ping` goes only to the endpoint it tests (POST …/test): nobody subscribes to it. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((type) => type !== 'ping');

/** An endpoint's `events` may be `["*"]`: every subscribable type, including those added later. */
export const ALL_EVENTS = '*';

/** How long events are kept (then purged with their deliveries by the `events.purge-expired` job). */
export const EVENT_RETENTION_DAYS = 30;
