import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { Events } from '../../core/events/events.js';
import { Jobs } from '../../core/jobs/jobs.js';
import type { Page } from '../../core/pagination/page.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { Clock } from '../../core/time/clock.js';
import { newId } from '../../database/ids.js';
import type { CreateWebhookEndpointDto, ListDeliveriesQueryDto, ListWebhookEndpointsQueryDto, UpdateWebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { MAX_ENDPOINTS, WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { generateWebhookSecret, WebhookSecretBox } from './webhook-secrets.js';
import { WebhookUrlPolicy } from './webhook-url-policy.js';
import { MS_PER_DAY } from '../../core/time/instants.js';

/** After a rotation the previous secret still signs for this long. */
export const ROTATION_OVERLAP_MS = MS_PER_DAY;

/** `["*"]` stands alone: with it, naming types would mean nothing. */
const normaliseEvents = (events: string[]) => (events.includes('*') ? ['*'] : events);

/**
 * A data space's webhook endpoints: at most 16, each URL held to the SSRF rules when saved, its
 * secret made here, shown once, stored only encrypted; rotation, a test ping, its deliveries and
 * a manual retry of one.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly policy: WebhookUrlPolicy,
    private readonly events: Events,
    private readonly jobs: Jobs,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    @Inject(WebhookSecretBox) private readonly secrets: WebhookSecretBox,
  ) {}

  list(query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpoint>> {
    return this.endpoints.list(query);
  }

  get(id: string): Promise<WebhookEndpoint> {
    return this.endpoints.getById(id);
  }

  async create(input: CreateWebhookEndpointDto): Promise<WebhookEndpoint> {
    await this.policy.assertAcceptable(input.url);
    if ((await this.endpoints.lockCollection()) >= MAX_ENDPOINTS) {
      throw new RuleViolationError(`A data space has at most ${MAX_ENDPOINTS} webhook endpoints`, { rule: 'webhook_endpoint_limit', limit: MAX_ENDPOINTS });
    }
    const id = newId();
    const secret = generateWebhookSecret();
    const endpoint = await this.endpoints.insertWithId(id, {
      url: input.url, events: normaliseEvents(input.events), description: input.description ?? null, enabled: input.enabled ?? true,
      secret_ciphertext: this.seal(id, secret), previous_secret_ciphertext: null, previous_secret_expires_at: null,
      failing_since: null, disabled_at: null, disabled_reason: null,
    });
    return Object.assign(endpoint, { secret });
  }

  /** `enabled: true` on a disabled endpoint starts it afresh (no failure history); its failed deliveries can be retried one by one. */
  async update(id: string, patch: UpdateWebhookEndpointDto): Promise<WebhookEndpoint> {
    const current = await this.endpoints.lockById(id);
    if (patch.url !== undefined && patch.url !== current.url) await this.policy.assertAcceptable(patch.url);
    const reenabled = patch.enabled === true && !current.enabled;
    return this.endpoints.update(id, {
      url: patch.url,
      events: patch.events ? normaliseEvents(patch.events) : undefined,
      description: patch.description,
      enabled: patch.enabled,
      ...(reenabled ? { failing_since: null, disabled_at: null, disabled_reason: null } : {}),
    });
  }

  /** Its deliveries go with it (pending ones are never sent). */
  async delete(id: string): Promise<void> {
    await this.endpoints.lockById(id);
    await this.endpoints.delete(id);
  }

  /** A new secret, answered once; the old one keeps signing beside it for 24 hours. */
  async rotateSecret(id: string): Promise<WebhookEndpoint> {
    const current = await this.endpoints.lockById(id);
    const secret = generateWebhookSecret();
    const endpoint = await this.endpoints.update(id, {
      secret_ciphertext: this.seal(id, secret),
      previous_secret_ciphertext: current.secret_ciphertext,
      previous_secret_expires_at: new Date(this.clock.now().getTime() + ROTATION_OVERLAP_MS),
    });
    return Object.assign(endpoint, { secret });
  }

  /** A `ping` event, delivered to this endpoint only (whatever types it takes). */
  async test(id: string): Promise<WebhookDelivery> {
    const endpoint = await this.endpoints.lockById(id);
    this.assertEnabled(endpoint);
    const event = await this.events.emit('ping', endpoint);
    const delivery = await this.deliveries.insertFor(endpoint.id, event, this.clock.now());
    await this.enqueue(delivery.id);
    return delivery;
  }

  async listDeliveries(id: string, query: ListDeliveriesQueryDto): Promise<Page<WebhookDelivery>> {
    await this.endpoints.getById(id);
    return this.deliveries.listForEndpoint(id, query);
  }

  /** Sends it again now, whatever its state, unless a worker is sending it at this moment (409). */
  async retryDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
    const endpoint = await this.endpoints.getById(endpointId);
    const delivery = await this.deliveries.getForEndpoint(endpointId, deliveryId, true);
    this.assertEnabled(endpoint);
    const now = this.clock.now();
    if (delivery.status === 'SENDING' && delivery.claimed_until && delivery.claimed_until > now) {
      throw new ConflictError('The delivery is being sent right now', { status: delivery.status });
    }
    const requeued = await this.deliveries.requeue(deliveryId, now);
    await this.enqueue(deliveryId);
    return requeued;
  }

  private assertEnabled(endpoint: WebhookEndpoint): void {
    if (!endpoint.enabled) throw new RuleViolationError('The endpoint is disabled: enable it first (PUT {"enabled": true})', { rule: 'webhook_endpoint_enabled' });
  }

  private enqueue(deliveryId: string): Promise<void> {
    return this.jobs.enqueue('webhooks.deliver', { tenant_id: this.context.tenantId, delivery_id: deliveryId });
  }

  private seal(endpointId: string, secret: string): Buffer {
    return this.secrets.seal(secret, { tenantId: this.context.tenantId, endpointId });
  }
}
