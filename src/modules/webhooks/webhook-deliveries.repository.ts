import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { Event } from '../../core/events/event.entity.js';
import type { EventType } from '../../core/events/event-types.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { type EntityInput, TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { newId } from '../../database/ids.js';
import { DELIVERY_SORTS, type ListDeliveriesQueryDto } from './dto/webhook-endpoint.dto.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';

/** A data space has at most this many endpoints, so one event makes at most this many deliveries. */
export const MAX_ENDPOINTS = 16;

/** What a worker needs to send a delivery, read under the delivery's row lock. */
export interface DeliveryToSend {
  id: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date | null;
  claimed_until: Date | null;
  created_at: Date;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secret_ciphertext: Buffer;
  previous_secret_ciphertext: Buffer | null;
  previous_secret_expires_at: Date | null;
  event_id: string;
  event_type: EventType;
  event_created_at: Date;
  event_data: Record<string, unknown>;
}

export interface AttemptOutcome {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

@Injectable()
export class WebhookDeliveriesRepository extends TenantRepository<WebhookDelivery> {
  protected readonly entity = WebhookDelivery;
  protected readonly alias = 'delivery';
  protected readonly resource = 'Webhook delivery';

  listForEndpoint(endpointId: string, query: ListDeliveriesQueryDto): Promise<Page<WebhookDelivery>> {
    return paginate(this.whereEqual(this.scoped(), { endpoint_id: endpointId, status: query.status }), query, DELIVERY_SORTS);
  }

  /**
   * One delivery per enabled endpoint that takes this event type, in one statement (ids made
   * here: UUIDv7, one per possible endpoint); returns their ids. A delivery's times (created, due)
   * are the business clock's, like every time its retries are measured against.
   */
  async fanOut(event: Event, now: Date): Promise<string[]> {
    const ids = Array.from({ length: MAX_ENDPOINTS }, () => newId());
    const rows = (await this.context.manager.query(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at, created_at)
       SELECT $1, ($5::uuid[])[row_number() OVER (ORDER BY e.id)], e.id, $2, $3, $4, $4
         FROM webhook_endpoints e
        WHERE e.tenant_id = $1 AND e.enabled AND ($3 = ANY (e.events) OR '*' = ANY (e.events))
        LIMIT ${MAX_ENDPOINTS}
       RETURNING id`,
      [this.context.tenantId, event.id, event.type, now, ids],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  insertFor(endpointId: string, event: Event, now: Date): Promise<WebhookDelivery> {
    const delivery = {
      endpoint_id: endpointId, event_id: event.id, event_type: event.type, status: 'PENDING', attempts: 0,
      last_status_code: null, last_latency_ms: null, last_error: null, last_attempt_at: null, next_attempt_at: now, claimed_until: null, delivered_at: null,
      created_at: now,
    } as const;
    return this.insert(delivery as EntityInput<WebhookDelivery>);
  }

  async getForEndpoint(endpointId: string, id: string, lock = false): Promise<WebhookDelivery> {
    const builder = this.scoped().andWhere('delivery.id = :id AND delivery.endpoint_id = :endpointId', { id, endpointId });
    const row = await (lock ? builder.setLock('pessimistic_write') : builder).getOne();
    if (!row) throw new NotFoundError(this.resource);
    return row;
  }

  /** The delivery with its endpoint and event, its row locked until the transaction ends. */
  async lockToSend(id: string): Promise<DeliveryToSend | undefined> {
    const rows = (await this.context.manager.query(
      `SELECT d.id, d.status, d.attempts, d.next_attempt_at, d.claimed_until, d.created_at,
              e.id AS endpoint_id, e.url, e.enabled, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at,
              ev.id AS event_id, ev.type AS event_type, ev.created_at AS event_created_at, ev.data AS event_data
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
         JOIN events ev ON ev.tenant_id = d.tenant_id AND ev.id = d.event_id
        WHERE d.tenant_id = $1 AND d.id = $2
          FOR UPDATE OF d`,
      [this.context.tenantId, id],
    )) as DeliveryToSend[];
    return rows[0];
  }

  /** This worker sends it until `until`; the attempt is counted now (a crash mid-send still counts). */
  async claim(id: string, now: Date, until: Date): Promise<void> {
    await this.context.manager.query(
      `UPDATE webhook_deliveries SET status = 'SENDING', attempts = attempts + 1, claimed_until = $4, last_attempt_at = $3 WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, id, now, until],
    );
  }

  /**
   * The outcome of attempt number `attempt`, if this worker still holds that claim (another worker
   * that took over an expired claim has counted its own attempt: this one's result is dropped).
   * `next`: when to try again; undefined: finished (succeeded, or failed for good).
   */
  async recordAttempt(id: string, attempt: number, outcome: AttemptOutcome, succeededAt: Date | undefined, next: Date | undefined): Promise<{ endpoint_id: string; created_at: Date } | undefined> {
    const status = succeededAt ? 'SUCCEEDED' : next ? 'PENDING' : 'FAILED';
    const [rows] = (await this.context.manager.query(
      `UPDATE webhook_deliveries
          SET status = $4, last_status_code = $5, last_latency_ms = $6, last_error = left($7, 500),
              delivered_at = $8, next_attempt_at = $9, claimed_until = NULL
        WHERE tenant_id = $1 AND id = $2 AND status = 'SENDING' AND attempts = $3
        RETURNING endpoint_id, created_at`,
      [this.context.tenantId, id, attempt, status, outcome.statusCode, outcome.latencyMs, outcome.error, succeededAt ?? null, next ?? null],
    )) as [{ endpoint_id: string; created_at: Date }[], number];
    return rows[0];
  }

  /** Given up without an attempt (its endpoint is disabled). */
  async abandon(id: string, reason: string): Promise<void> {
    await this.context.manager.query(
      `UPDATE webhook_deliveries SET status = 'FAILED', last_error = $3, next_attempt_at = NULL, claimed_until = NULL WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, id, reason],
    );
  }

  /** A manual retry: due now, whatever it was. */
  async requeue(id: string, dueAt: Date): Promise<WebhookDelivery> {
    return this.update(id, { status: 'PENDING', next_attempt_at: dueAt, delivered_at: null, claimed_until: null });
  }
}
