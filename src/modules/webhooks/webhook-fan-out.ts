import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Event } from '../../core/events/event.entity.js';
import { Events } from '../../core/events/events.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { Clock } from '../../core/time/clock.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';

/**
 * Every event becomes a delivery for each enabled endpoint that takes its type, and a job per
 * delivery, all in the transaction that records the event: committed together or not at all.
 * The job holds ids only; nothing leaves the process before commit.
 */
@Injectable()
export class WebhookFanOut implements OnModuleInit {
  constructor(
    private readonly events: Events,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: Jobs,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((event) => this.fanOut(event));
  }

  async fanOut(event: Event): Promise<void> {
    if (event.type === 'ping') return; // for the tested endpoint only (WebhookEndpointsService.test)
    for (const deliveryId of await this.deliveries.fanOut(event, this.clock.now())) {
      await this.jobs.enqueue('webhooks.deliver', { tenant_id: this.context.tenantId, delivery_id: deliveryId });
    }
  }
}
