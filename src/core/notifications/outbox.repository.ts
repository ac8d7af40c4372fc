import { Injectable } from '@nestjs/common';
import type { Page } from '../pagination/page.js';
import { paginate } from '../pagination/paginate.js';
import type { SortedListQuery } from '../pagination/list-query.dto.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { OutboxMessage } from './outbox-message.entity.js';

@Injectable()
export class OutboxRepository extends TenantRepository<OutboxMessage> {
  protected readonly entity = OutboxMessage;
  protected readonly alias = 'message';
  protected readonly resource = 'Message';

  list(query: SortedListQuery & { pending?: boolean }): Promise<Page<OutboxMessage>> {
    const builder = this.scoped();
    if (query.pending !== undefined) builder.andWhere(query.pending ? 'message.delivered_at IS NULL' : 'message.delivered_at IS NOT NULL');
    return paginate(builder, query, { created_at: 'message.created_at' });
  }

  /** Delivered (idempotent): the code in it is masked in the same statement. */
  async markDelivered(id: string): Promise<OutboxMessage> {
    return this.updateWhere(id, `delivered_at = COALESCE(delivered_at, now()), ${REDACT}`);
  }

  /** The code expired before anyone delivered it: masked, still undelivered. */
  async redact(id: string): Promise<OutboxMessage> {
    return this.updateWhere(id, REDACT);
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.context.manager.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = left($3, 500) WHERE tenant_id = $1 AND id = $2`, [this.context.tenantId, id, error]);
  }

  private async updateWhere(id: string, assignments: string): Promise<OutboxMessage> {
    const row = await this.rawUpdate('outbox_messages', id, `UPDATE outbox_messages SET ${assignments} WHERE tenant_id = $1 AND id = $2 RETURNING *`, [this.context.tenantId, id]);
    if (!row) return this.getById(id); // raises NotFoundError
    return this.hydrate(row);
  }
}

/** Replaces the body by its masked copy once (nothing to do for a message without a code). */
const REDACT = `body = COALESCE(CASE WHEN redacted_at IS NULL THEN redacted_body END, body),
                redacted_at = CASE WHEN redacted_body IS NULL THEN redacted_at ELSE COALESCE(redacted_at, now()) END`;
