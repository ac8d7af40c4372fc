import { Injectable } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import { fromCents } from '../../../core/money/money.js';
import { addDays, addMonths, type IsoDate } from '../../../core/time/calendar.js';
import { newId } from '../../../database/ids.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeaseLedger } from '../account/lease-ledger.service.js';
import { RentDocuments } from '../documents/rent-documents.service.js';
import { LeaseRentService } from '../lease-rent/lease-rent.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { RentCallsRepository } from '../rent.repositories.js';
import { assertRunning } from '../rent-rules.js';
import { rentSchedule, type SchedulePeriod } from '../schedule/rent-schedule.js';
import type { RentCall } from './rent-call.entity.js';

/**
 * Rent calls (avis d'échéance): the period of a lease that starts in a month, with its amounts
 * from the schedule and its French PDF. One per lease and period, ever: asked again, the call
 * that exists is the answer (409 for a single call; skipped by a bulk run).
 */
@Injectable()
export class RentCallsService {
  constructor(
    private readonly calls: RentCallsRepository,
    private readonly ledger: LeaseLedger,
    private readonly rents: LeaseRentService,
    private readonly documents: RentDocuments,
    private readonly receipts: ReceiptsService,
    private readonly events: Events,
  ) {}

  /** POST /leases/{id}/rent-calls {period}: the period starting in that month. */
  async issueForPeriod(leaseId: string, month: string): Promise<RentCall> {
    const lease = await this.ledger.lock(leaseId);
    const outcome = await this.issue(lease, month, null);
    if (outcome.existing) throw new ConflictError('This period of the lease has been called already', { rent_call_id: outcome.call.id });
    return outcome.call;
  }

  /**
   * Issues the call of the lease's period that starts in `month` (YYYY-MM), the lease row locked
   * by the caller; returns the existing one instead when there is one.
   */
  async issue(lease: Lease, month: string, runId: string | null): Promise<{ call: RentCall; existing: boolean }> {
    assertRunning(lease, 'be called');
    const period = await this.periodStartingIn(lease, month);
    const existing = await this.calls.findForPeriod(lease.id, period.start);
    if (existing) return { call: existing, existing: true };

    const before = await this.ledger.state(lease);
    const id = newId();
    const call = {
      id,
      lease_id: lease.id,
      period_start: period.start,
      period_end: period.end,
      due_date: period.dueDate,
      rent_amount: fromCents(period.rent),
      charges_amount: fromCents(period.charges),
      total: fromCents(period.total),
      lines: period.lines.map((line) => ({ ...line, amount: fromCents(line.amount) })),
      run_id: runId,
    };
    const document = await this.documents.rentCall(lease, call, before.allocation.balance);
    const stored = await this.calls.insertWithId(id, { ...call, document_id: document.id });
    await this.events.emit('rent_call.issued', stored);
    // Money already received (a credit) may pay this period at once: its quittance follows.
    await this.receipts.settle(await this.ledger.state(lease));
    return { call: stored, existing: false };
  }

  /** The schedule's period that starts in `month`, or 422 when the lease has none there. */
  private async periodStartingIn(lease: Lease, month: string): Promise<SchedulePeriod> {
    const first: IsoDate = `${month}-01`;
    const last = addDays(addMonths(first, 1), -1);
    const [period] = rentSchedule(await this.rents.scheduleInput(lease), first, last).filter((candidate) => candidate.start >= first && candidate.start <= last);
    if (!period) {
      throw new RuleViolationError(`The lease has no period starting in ${month} (it runs from ${lease.start_date}${lease.end_date ? ` to ${lease.end_date}` : ''}, ${lease.rent_frequency})`, { rule: 'period_in_lease' });
    }
    return period;
  }
}
