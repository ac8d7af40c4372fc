import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Page } from '../pagination/page.js';
import { paginate } from '../pagination/paginate.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { AuditEvent } from './audit-event.entity.js';
import type { ListAuditEventsQueryDto } from './audit-events.dto.js';

/** Reads the audit trail (its rows are written by AuditTrail, in one INSERT per request). */
@Injectable()
export class AuditEventsRepository extends TenantRepository<AuditEvent> {
  protected readonly entity = AuditEvent;
  protected readonly alias = 'audit';
  protected readonly resource = 'Audit event';

  list(query: ListAuditEventsQueryDto): Promise<Page<AuditEvent>> {
    const builder = this.whereEqual(this.scoped(), { resource_type: query.resource_type, resource_id: query.resource_id, action: query.action });
    if (query.actor) {
      const column = isUUID(query.actor, 'all') ? 'user_id' : query.actor.startsWith('fp_') ? 'key_prefix' : 'actor_type';
      builder.andWhere(`audit.${column} = :actor`, { actor: column === 'user_id' ? query.actor.toLowerCase() : query.actor });
    }
    if (query.from) builder.andWhere('audit.created_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('audit.created_at < :to', { to: query.to });
    return paginate(builder, query, { created_at: 'audit.created_at' });
  }
}
