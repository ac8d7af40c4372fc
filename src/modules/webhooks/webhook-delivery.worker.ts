import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Events } from '../../core/events/events.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { JobTransactions } from '../../core/tenancy/tenant-transactions.js';
import { Clock } from '../../core/time/clock.js';
import { CLAIM_MS, nextAttemptAt, RETRY_WINDOW_MS } from './retry-schedule.js';
import { type AttemptOutcome, type DeliveryToSend, WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookSecretBox } from './webhook-secrets.js';
import { WebhookSender } from './webhook-sender.js';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';
import { UnsafeTargetError, WebhookUrlPolicy } from './webhook-url-policy.js';

/** What a claim hands to the send, outside any transaction. */
interface Claimed {
  attempt: number;
  createdAt: Date;
  url: string;
  body: string;
  eventId: string;
  eventType: string;
  secrets: string[];
}

/**
 * The `webhooks.deliver` job: one attempt at one delivery, in three steps so that no row lock or
 * connection is held while a receiver takes its time.
 * 1. Claim, in the data space's transaction: the delivery row is locked, checked (still due, not
 *    claimed by a live worker, its endpoint enabled), marked SENDING until now + 15 s with the
 *    attempt counted; commit. A second job for the same delivery (another instance, a manual
 *    retry) finds it claimed or done and does nothing.
 * 2. Send: the address is checked again (SSRF) and connected to as checked; signed; 10 s at most.
 * 3. Record, in a new transaction: the outcome if the claim is still ours; on failure the next
 *    attempt's job (backoff with full jitter, for 3 days), and the endpoint's health: failing for
 *    3 days disables it and emits `webhook_endpoint.disabled`.
 * At least once: a crash after the send and before the record sends it again (receivers dedupe
 * on the event id). A worker that dies mid-send leaves its job active; pg-boss expires it and
 * another worker claims the delivery once the claim has run out.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly transactions: JobTransactions,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly events: Events,
    private readonly policy: WebhookUrlPolicy,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(WebhookSecretBox) private readonly secrets: WebhookSecretBox,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(
      'webhooks.deliver',
      async ({ tenant_id, delivery_id }) => {
        await this.deliver(tenant_id, delivery_id);
      },
      { concurrency: this.config.WEBHOOK_DELIVERY_CONCURRENCY },
    );
  }

  /** One attempt; returns what happened (for tests and logs). */
  async deliver(tenantId: string, deliveryId: string): Promise<'sent' | 'failed' | 'skipped'> {
    const claimed = await this.transactions.run(tenantId, () => this.claim(tenantId, deliveryId));
    if (!claimed) return 'skipped';
    const outcome = await this.send(claimed);
    await this.transactions.run(tenantId, () => this.record(tenantId, deliveryId, claimed, outcome));
    return outcome.error ? 'failed' : 'sent';
  }

  private async claim(tenantId: string, deliveryId: string): Promise<Claimed | undefined> {
    const delivery = await this.deliveries.lockToSend(deliveryId);
    const now = this.clock.now();
    if (!delivery || !isClaimable(delivery, now)) return undefined;
    if (!delivery.enabled) {
      await this.deliveries.abandon(deliveryId, 'Endpoint disabled');
      return undefined;
    }
    await this.deliveries.claim(deliveryId, now, new Date(now.getTime() + CLAIM_MS));
    const owner = { tenantId, endpointId: delivery.endpoint_id };
    const secrets = [this.secrets.open(delivery.secret_ciphertext, owner)];
    if (delivery.previous_secret_ciphertext && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > now) {
      secrets.push(this.secrets.open(delivery.previous_secret_ciphertext, owner));
    }
    return {
      attempt: delivery.attempts + 1,
      createdAt: delivery.created_at,
      url: delivery.url,
      body: JSON.stringify({ id: delivery.event_id, type: delivery.event_type, created_at: delivery.event_created_at.toISOString(), data: delivery.event_data }),
      eventId: delivery.event_id,
      eventType: delivery.event_type,
      secrets,
    };
  }

  private async send(claimed: Claimed): Promise<AttemptOutcome> {
    const started = performance.now();
    try {
      const target = await this.policy.target(claimed.url);
      const timestamp = Math.floor(this.clock.now().getTime() / 1000);
      const result = await this.sender.send(target, claimed.body, {
        [SIGNATURE_HEADER]: signatureHeader(timestamp, claimed.body, claimed.secrets),
        [EVENT_ID_HEADER]: claimed.eventId,
        [EVENT_TYPE_HEADER]: claimed.eventType,
      });
      return { statusCode: result.statusCode ?? null, latencyMs: result.latencyMs, error: result.error ?? null };
    } catch (error) {
      if (!(error instanceof UnsafeTargetError)) throw error;
      return { statusCode: null, latencyMs: Math.round(performance.now() - started), error: error.message };
    }
  }

  private async record(tenantId: string, deliveryId: string, { attempt, createdAt }: Claimed, outcome: AttemptOutcome): Promise<void> {
    const now = this.clock.now();
    if (!outcome.error) {
      const recorded = await this.deliveries.recordAttempt(deliveryId, attempt, outcome, now, undefined);
      if (recorded) await this.endpoints.markHealthy(recorded.endpoint_id);
      return;
    }
    const next = nextAttemptAt(createdAt, now, attempt);
    const recorded = await this.deliveries.recordAttempt(deliveryId, attempt, outcome, undefined, next);
    // Nothing recorded: another worker took over the claim (its attempt counts), or the endpoint was deleted.
    if (!recorded) return;
    if (next) {
      await this.jobs.enqueue('webhooks.deliver', { tenant_id: tenantId, delivery_id: deliveryId }, { startAfterSeconds: Math.ceil((next.getTime() - now.getTime()) / 1000) });
    }
    const endpoint = await this.endpoints.markFailing(recorded.endpoint_id, recorded.created_at);
    if (endpoint?.enabled && now.getTime() - endpoint.failing_since.getTime() >= RETRY_WINDOW_MS) {
      const disabled = await this.endpoints.disable(recorded.endpoint_id, now, 'Deliveries failed for 3 days');
      if (disabled) {
        await this.events.emit('webhook_endpoint.disabled', disabled);
        this.logger.warn(`Webhook endpoint ${disabled.id} disabled: deliveries failed for 3 days`);
      }
    }
  }
}

/** Due and not being sent by a live worker; a claim that ran out (its worker died) is void. */
function isClaimable(delivery: DeliveryToSend, now: Date): boolean {
  if (delivery.status === 'PENDING') return delivery.next_attempt_at !== null && delivery.next_attempt_at <= now;
  if (delivery.status === 'SENDING') return delivery.claimed_until !== null && delivery.claimed_until <= now;
  return false;
}
