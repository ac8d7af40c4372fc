import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Jobs } from '../jobs/jobs.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { OutboxRepository } from './outbox.repository.js';

export interface Notification {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
  /** Parts of the body to mask once the message is delivered or `secretsExpireAt` has passed (codes). */
  secrets?: string[];
  secretsExpireAt?: Date;
}

/**
 * Sends messages to people (signature codes) through the tenant's outbox, in the caller's
 * transaction: a rolled-back change sends nothing, and no mail server is waited on while a row
 * lock or a connection is held. With SMTP_URL, emails of the live data space are delivered by the
 * `notifications.deliver` job after commit; everything else (SMS, the sandbox, no SMTP) is
 * delivered by the dashboard backend, which reads the outbox. Never logs a message body.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: Jobs,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
  ) {}

  async send(notification: Notification): Promise<void> {
    const smtp = Boolean(this.config.SMTP_URL) && notification.channel === 'email' && !(await this.context.isSandbox());
    const masked = (notification.secrets ?? []).reduce((text, secret) => text.split(secret).join('•'.repeat(secret.length)), notification.body);
    const message = await this.outbox.insert({
      channel: notification.channel,
      recipient: notification.recipient,
      subject: notification.subject ?? null,
      body: notification.body,
      delivery: smtp ? 'smtp' : 'dashboard',
      redacted_body: notification.secrets?.length ? masked : null,
      code_expires_at: notification.secretsExpireAt ?? null,
      delivered_at: null,
      redacted_at: null,
      attempts: 0,
      last_error: null,
    });
    if (smtp) await this.jobs.enqueue('notifications.deliver', { tenant_id: this.context.tenantId, message_id: message.id });
  }
}
