import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import type { SortedListQuery } from '../../core/pagination/list-query.dto.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { RentCall, RentCallRun } from './calls/rent-call.entity.js';
import { LeaseRentChange } from './lease-rent/lease-rent-change.entity.js';
import { RentPayment } from './payments/rent-payment.entity.js';
import { Receipt, type ReceiptKind } from './receipts/receipt.entity.js';
import { RentRevision } from './revisions/rent-revision.entity.js';

/** The rent cycle's tables: each repository names its entity and adds only its own finders. */

@Injectable()
export class LeaseRentChangesRepository extends TenantRepository<LeaseRentChange> {
  protected readonly entity = LeaseRentChange;
  protected readonly alias = 'change';
  protected readonly resource = 'Rent change';

  listByLease(leaseId: string): Promise<LeaseRentChange[]> {
    return this.scoped().andWhere('change.lease_id = :leaseId', { leaseId }).orderBy('change.effective_date').getMany();
  }
}

@Injectable()
export class RentCallsRepository extends TenantRepository<RentCall> {
  protected readonly entity = RentCall;
  protected readonly alias = 'call';
  protected readonly resource = 'Rent call';

  allOfLease(leaseId: string): Promise<RentCall[]> {
    return this.scoped().andWhere('call.lease_id = :leaseId', { leaseId }).orderBy('call.period_start').getMany();
  }

  pageOfLease(leaseId: string, query: SortedListQuery): Promise<Page<RentCall>> {
    return this.page(query, { period_start: 'call.period_start', created_at: 'call.created_at' }, { lease_id: leaseId });
  }

  findForPeriod(leaseId: string, periodStart: string): Promise<RentCall | null> {
    return this.scoped().andWhere('call.lease_id = :leaseId AND call.period_start = :periodStart', { leaseId, periodStart }).getOne();
  }
}

@Injectable()
export class RentCallRunsRepository extends TenantRepository<RentCallRun> {
  protected readonly entity = RentCallRun;
  protected readonly alias = 'run';
  protected readonly resource = 'Rent call run';

  findByMonth(month: string): Promise<RentCallRun | null> {
    return this.scoped().andWhere('run.month = :month', { month }).setLock('pessimistic_write').getOne();
  }

  list(query: SortedListQuery): Promise<Page<RentCallRun>> {
    return this.page(query, { month: 'run.month', created_at: 'run.created_at' });
  }

  /** Progress of one lease, counted in that lease's own transaction. */
  async count(id: string, outcome: { done: boolean; failure?: { lease_id: string; message: string } }): Promise<void> {
    await this.context.manager.query(
      `UPDATE rent_call_runs SET done = done + $3, failed = failed + $4, failures = CASE WHEN $5::jsonb IS NULL THEN failures ELSE failures || $5::jsonb END
        WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, id, outcome.done ? 1 : 0, outcome.failure ? 1 : 0, outcome.failure ? JSON.stringify([outcome.failure]) : null],
    );
  }
}

@Injectable()
export class RentPaymentsRepository extends TenantRepository<RentPayment> {
  protected readonly entity = RentPayment;
  protected readonly alias = 'payment';
  protected readonly resource = 'Payment';

  allOfLease(leaseId: string): Promise<RentPayment[]> {
    return this.scoped().andWhere('payment.lease_id = :leaseId', { leaseId }).orderBy('payment.received_on').addOrderBy('payment.id').getMany();
  }

  pageOfLease(leaseId: string, query: SortedListQuery): Promise<Page<RentPayment>> {
    return this.page(query, { received_on: 'payment.received_on', created_at: 'payment.created_at' }, { lease_id: leaseId });
  }

  reversalOf(paymentId: string): Promise<RentPayment | null> {
    return this.scoped().andWhere('payment.reverses_id = :paymentId', { paymentId }).getOne();
  }
}

@Injectable()
export class ReceiptsRepository extends TenantRepository<Receipt> {
  protected readonly entity = Receipt;
  protected readonly alias = 'receipt';
  protected readonly resource = 'Receipt';

  allOfLease(leaseId: string): Promise<Receipt[]> {
    return this.scoped().andWhere('receipt.lease_id = :leaseId', { leaseId }).getMany();
  }

  pageOfLease(leaseId: string, query: SortedListQuery & { kind?: string }): Promise<Page<Receipt>> {
    return this.page(query, { created_at: 'receipt.created_at', number: 'receipt.number' }, { lease_id: leaseId, kind: query.kind });
  }

  /**
   * The next number of `kind` in `year`, without gaps: the counter row is bumped (and locked) in
   * the receipt's own transaction, so concurrent issues queue on it and a rollback gives it back.
   */
  async nextNumber(kind: ReceiptKind, year: number): Promise<{ number: string; sequence: number }> {
    const [row] = (await this.context.manager.query(
      `INSERT INTO receipt_sequences (tenant_id, kind, year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last_number = receipt_sequences.last_number + 1
       RETURNING last_number`,
      [this.context.tenantId, kind, year],
    )) as { last_number: number }[];
    const sequence = row.last_number;
    return { sequence, number: `${kind === 'quittance' ? 'Q' : 'R'}-${year}-${String(sequence).padStart(6, '0')}` };
  }

  async cancel(id: string): Promise<void> {
    await this.rawUpdate('receipts', id, `UPDATE receipts SET cancelled_at = now() WHERE tenant_id = $1 AND id = $2 AND cancelled_at IS NULL RETURNING *`, [this.context.tenantId, id]);
  }
}

@Injectable()
export class RentRevisionsRepository extends TenantRepository<RentRevision> {
  protected readonly entity = RentRevision;
  protected readonly alias = 'revision';
  protected readonly resource = 'Rent revision';

  pageOfLease(leaseId: string, query: SortedListQuery): Promise<Page<RentRevision>> {
    return this.page(query, { revision_date: 'revision.revision_date', created_at: 'revision.created_at' }, { lease_id: leaseId });
  }
}
