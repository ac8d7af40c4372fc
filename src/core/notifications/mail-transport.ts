import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import type { OutboxMessage } from './outbox-message.entity.js';

/** The SMTP connection (nodemailer), made only when SMTP_URL is set. */
export class MailTransport {
  private readonly transport?: Pick<Transporter, 'sendMail'>;

  constructor(private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      const url = new URL(config.SMTP_URL);
      const secure = url.protocol === 'smtps:';
      this.transport = createTransport({
        host: url.hostname,
        port: Number(url.port) || (secure ? 465 : 587),
        secure,
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        // A job, not a request, waits on these; still short enough to free the worker for a retry.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    }
  }

  async send(message: Pick<OutboxMessage, 'recipient' | 'subject' | 'body'>): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    await this.transport.sendMail({ from: this.config.SMTP_FROM, to: message.recipient, subject: message.subject ?? undefined, text: message.body });
  }
}
