import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { MailDelivery } from './mail-delivery.js';
import { MailTransport } from './mail-transport.js';
import { Notifier } from './notifier.js';
import { OutboxRepository } from './outbox.repository.js';

@Global()
@Module({
  providers: [OutboxRepository, Notifier, MailDelivery, { provide: MailTransport, inject: [AppConfig], useFactory: (config: AppConfig) => new MailTransport(config) }],
  exports: [Notifier, OutboxRepository, MailDelivery],
})
export class NotificationsModule {}
