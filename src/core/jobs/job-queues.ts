/**
 * Every queue of the job mechanism, with what its jobs carry: ids only (the queue tables are not
 * under RLS), the tenant first. Queues are created by migrations (db/migrations), never at run time.
 */
export interface JobPayloads {
  /** Deliver one outbox message (SMTP), after the transaction that wrote it committed. */
  'notifications.deliver': { tenant_id: string; message_id: string };
  /** Redact the codes of messages whose code expired before anyone delivered them. */
  'notifications.redact-expired': Record<string, never>;
  /** Issue a month's rent calls for every running lease of a tenant (a bulk run). */
  'rent-calls.run': { tenant_id: string; run_id: string };
  /** Expire open signature workflows past their date (refund, lease back to DRAFT). */
  'signatures.expire-due': Record<string, never>;
  /** One attempt at one webhook delivery (claimed under its row lock, sent with no transaction open). */
  'webhooks.deliver': { tenant_id: string; delivery_id: string };
  /** Delete events (and their deliveries) older than the 30 days they are kept. */
  'events.purge-expired': Record<string, never>;
  /** Enqueue again the deliveries whose job was lost (retries exhausted, or a job removed by hand). */
  'webhooks.requeue-stranded': Record<string, never>;
  /** Write one export archive of a tenant (live and sandbox data spaces); the live tenant's id. */
  'tenants.export': { tenant_id: string; export_id: string };
  /** Erase a tenant whose erasure was requested (batches through app.erase_tenant_batch; resumable). */
  'tenants.erase': { tenant_id: string };
  /** Purge expired idempotency records, delivered outbox messages, finished webhook deliveries; delete expired export archives. */
  'retention.purge': Record<string, never>;
  /** Make the request log's daily partitions ahead and drop those past the retention. */
  'request-log.maintain-partitions': Record<string, never>;
}

export type QueueName = keyof JobPayloads;

/** Sweeps across tenants and how often they run (cron, UTC); each finds its work through a SECURITY DEFINER function. */
export const RECURRING: Partial<Record<QueueName, string>> = {
  'notifications.redact-expired': '* * * * *',
  'signatures.expire-due': '* * * * *',
  'events.purge-expired': '17 * * * *',
  'webhooks.requeue-stranded': '*/5 * * * *',
  'retention.purge': '41 * * * *',
  'request-log.maintain-partitions': '7 * * * *',
};
