import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../jobs/jobs.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';
import type { OutboxMessage } from './outbox-message.entity.js';
import { OutboxRepository } from './outbox.repository.js';
import { MailTransport } from './mail-transport.js';

const BATCH = 200;

/**
 * The two jobs of the outbox. `notifications.deliver`: read the message in its tenant's
 * transaction, send it with no transaction open (a slow mail server holds no lock and no
 * connection), then mark it delivered and mask its code. At least once: a crash between the two
 * sends it again, and the SMTP failure is retried with backoff by the queue.
 * `notifications.redact-expired`: masks the codes nobody delivered before they expired.
 */
@Injectable()
export class MailDelivery implements OnModuleInit {
  private readonly logger = new Logger(MailDelivery.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly transactions: JobTransactions,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('notifications.deliver', ({ tenant_id, message_id }) => this.deliver(tenant_id, message_id));
    this.jobs.handle('notifications.redact-expired', async () => {
      await this.redactExpired();
    });
  }

  async deliver(tenantId: string, messageId: string): Promise<void> {
    const message = await this.transactions.run(tenantId, () => this.outbox.findById(messageId));
    if (!message || message.delivered_at || message.delivery !== 'smtp') return;
    try {
      await this.transport.send(message as OutboxMessage);
    } catch (error) {
      await this.transactions.run(tenantId, () => this.outbox.recordFailure(messageId, (error as Error).message));
      throw error;
    }
    await this.transactions.run(tenantId, () => this.outbox.markDelivered(messageId));
    this.logger.log(`Message ${messageId} delivered by email`);
  }

  /** Returns how many messages it masked. */
  async redactExpired(): Promise<number> {
    const due: { tenant_id: string; message_id: string }[] = await this.dataSource.query('SELECT * FROM app.outbox_codes_to_redact($1)', [BATCH]);
    for (const { tenant_id: tenantId, message_id: messageId } of due) {
      await this.transactions.run(tenantId, () => this.outbox.redact(messageId));
    }
    return due.length;
  }
}
