import { Global, Module } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { Notifier, OutboxNotifier, SmtpNotifier } from './notifier.js';
import { OutboxRepository } from './outbox.repository.js';

@Global()
@Module({
  providers: [
    OutboxRepository,
    OutboxNotifier,
    {
      provide: Notifier,
      inject: [AppConfig, OutboxNotifier],
      useFactory: (config: AppConfig, outbox: OutboxNotifier): Notifier =>
        config.SMTP_URL ? new SmtpNotifier(createTransport(config.SMTP_URL), config.SMTP_FROM, outbox) : outbox,
    },
  ],
  exports: [Notifier, OutboxRepository],
})
export class NotificationsModule {}
