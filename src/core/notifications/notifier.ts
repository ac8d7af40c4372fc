import { Injectable, Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { OutboxRepository } from './outbox.repository.js';

export interface Notification {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
}

/** Sends messages to people (signature codes). Never logs a message body. */
export abstract class Notifier {
  abstract send(notification: Notification): Promise<void>;
}

/**
 * The default: messages are written to the tenant's outbox, in the request's transaction, and the
 * dashboard backend reads them through GET /internal/tenants/{id}/outbox (and delivers them).
 */
@Injectable()
export class OutboxNotifier extends Notifier {
  constructor(private readonly outbox: OutboxRepository) {
    super();
  }

  async send(notification: Notification): Promise<void> {
    await this.outbox.insert({ channel: notification.channel, recipient: notification.recipient, subject: notification.subject ?? null, body: notification.body });
  }
}

/** With SMTP_URL: emails go out through nodemailer; SMS (no gateway here) stay in the outbox. */
export class SmtpNotifier extends Notifier {
  private readonly logger = new Logger(SmtpNotifier.name);

  constructor(
    private readonly transport: Pick<Transporter, 'sendMail'>,
    private readonly from: string,
    private readonly outbox: OutboxNotifier,
  ) {
    super();
  }

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'email') return this.outbox.send(notification);
    await this.transport.sendMail({ from: this.from, to: notification.recipient, subject: notification.subject, text: notification.body });
    this.logger.log(`Email sent (${notification.subject ?? 'no subject'})`);
  }
}
