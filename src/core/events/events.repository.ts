import { Injectable } from '@nestjs/common';
import type { SortedListQuery } from '../pagination/list-query.dto.js';
import type { Page } from '../pagination/page.js';
import { paginate } from '../pagination/paginate.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { Event } from './event.entity.js';
import type { EventType } from './event-types.js';

export interface EventFilters {
  type?: EventType;
  /** created_at ≥ from */
  from?: Date;
  /** created_at < to */
  to?: Date;
}

const PURGE_BATCH = 5_000;

@Injectable()
export class EventsRepository extends TenantRepository<Event> {
  protected readonly entity = Event;
  protected readonly alias = 'event';
  protected readonly resource = 'Event';

  list(query: SortedListQuery & EventFilters): Promise<Page<Event>> {
    const builder = this.whereEqual(this.scoped(), { type: query.type });
    if (query.from) builder.andWhere('event.created_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('event.created_at < :to', { to: query.to });
    return paginate(builder, query, { created_at: 'event.created_at' });
  }

  /** Deletes this data space's events created before `before` (their deliveries go with them), in batches; returns how many. */
  async purgeBefore(before: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const [, count] = (await this.context.manager.query(
        `DELETE FROM events WHERE tenant_id = $1 AND id IN (
           SELECT id FROM events WHERE tenant_id = $1 AND created_at < $2 LIMIT ${PURGE_BATCH})`,
        [this.context.tenantId, before],
      )) as [unknown, number];
      purged += count;
      if (count < PURGE_BATCH) return purged;
    }
  }
}
