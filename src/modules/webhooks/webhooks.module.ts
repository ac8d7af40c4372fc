import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { EventsController } from './events.controller.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookFanOut } from './webhook-fan-out.js';
import { WebhookSecretBox } from './webhook-secrets.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookStrandedSweeper } from './webhook-stranded.sweeper.js';
import { HostResolver, WebhookUrlPolicy } from './webhook-url-policy.js';

/** Outgoing webhooks: endpoints, the event log's API, fan-out, delivery jobs (docs/webhooks.md). */
@Module({
  controllers: [WebhookEndpointsController, EventsController],
  providers: [
    WebhookEndpointsRepository, WebhookDeliveriesRepository, WebhookEndpointsService, WebhookFanOut, WebhookDeliveryWorker, WebhookStrandedSweeper,
    WebhookSender, HostResolver, WebhookUrlPolicy,
    { provide: WebhookSecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => WebhookSecretBox.fromConfig(config) },
  ],
})
export class WebhooksModule {}
