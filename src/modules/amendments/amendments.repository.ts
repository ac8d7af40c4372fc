import { Injectable } from '@nestjs/common';
import type { SortedListQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { newId } from '../../database/ids.js';
import { Amendment, type AmendmentAction, type AmendmentActor, AmendmentEvent, type AmendmentType } from './amendment.entity.js';

export const AMENDMENT_SORTS = { created_at: 'amendment.created_at', effective_date: 'amendment.effective_date' } as const;

@Injectable()
export class AmendmentsRepository extends TenantRepository<Amendment> {
  protected readonly entity = Amendment;
  protected readonly alias = 'amendment';
  protected readonly resource = 'Amendment';

  pageOfLease(leaseId: string, query: SortedListQuery & { status?: string; type?: string }): Promise<Page<Amendment>> {
    return this.page(query, AMENDMENT_SORTS, { lease_id: leaseId, status: query.status, type: query.type });
  }

  /** The amendment, if it is this lease's, locked until the transaction ends; else 404 like a missing one. */
  async lockOfLease(leaseId: string, id: string): Promise<Amendment> {
    const row = await this.scoped().andWhere('amendment.id = :id AND amendment.lease_id = :leaseId', { id, leaseId }).setLock('pessimistic_write').getOne();
    if (!row) throw new NotFoundError(this.resource);
    return row;
  }

  /** The lease's applied amendments of a type, oldest effect first (departures, for solidarity). */
  appliedOfType(leaseId: string, type: AmendmentType): Promise<Amendment[]> {
    return this.scoped()
      .andWhere('amendment.lease_id = :leaseId AND amendment.type = :type AND amendment.status = :status', { leaseId, type, status: 'APPLIED' })
      .orderBy('amendment.effective_date')
      .addOrderBy('amendment.id')
      .getMany();
  }
}

/** The append-only history: rows are inserted, read oldest first, never updated (no grant to). */
@Injectable()
export class AmendmentEventsRepository extends TenantRepository<AmendmentEvent> {
  protected readonly entity = AmendmentEvent;
  protected readonly alias = 'event';
  protected readonly resource = 'Amendment event';

  /** `at` is the business clock's time (the one signed_at and applied_at use), not the database's. */
  async append(amendmentId: string, action: AmendmentAction, actor: AmendmentActor, change: { previous: object | null; next: object | null }, at: Date): Promise<void> {
    await this.context.manager.query(
      `INSERT INTO amendment_events (tenant_id, id, amendment_id, action, actor, previous, next, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [this.context.tenantId, newId(), amendmentId, action, JSON.stringify(actor), json(change.previous), json(change.next), at],
    );
  }

  listOfAmendment(amendmentId: string): Promise<AmendmentEvent[]> {
    return this.scoped().andWhere('event.amendment_id = :amendmentId', { amendmentId }).orderBy('event.created_at').addOrderBy('event.id').getMany();
  }
}

const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
