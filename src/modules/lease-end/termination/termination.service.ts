import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import { addDays, isoDate, minDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { LeaseLifecycle } from '../../leases/lease-lifecycle.service.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import type { ChecklistView, ForceTerminationDto, ReletDto, StartTerminationDto, TerminationView, UpdateChecklistItemDto } from '../lease-end.dto.js';
import { CHECKLIST_KEYS, type ChecklistKey, type LeaseTermination } from '../lease-end.entities.js';
import { DepositSettlementsRepository, LeaseEndFacts, LeaseNoticesRepository, LeaseTerminationsRepository } from '../lease-end.repositories.js';
import { type Checklist, completionPercentage, missingItems, terminationStatus } from './termination-rules.js';

/** The column that stores when each checklist item was done. */
const DONE_AT = {
  keys_returned: 'keys_returned_at',
  exit_report_signed: 'exit_report_signed_at',
  deposit_settled: 'deposit_settled_at',
  charges_settled: 'charges_settled_at',
} as const satisfies Record<ChecklistKey, keyof LeaseTermination>;

/** Leases that can end: the workflow opens on an ACTIVE or NOTICE lease. */
const ENDING_STATUSES = ['ACTIVE', 'NOTICE'];

/** A date as the moment stored for it: noon UTC, so it reads back as the same day in any time zone. */
const atNoon = (date: string) => new Date(`${date}T12:00:00.000Z`);

/**
 * The end of a lease, from a notice (or a decision) to TERMINATED: a checklist of what must
 * happen (keys, exit report, deposit, charges), a status that follows it, and the routes that
 * complete it, force it, and archive the lease afterwards.
 */
@Injectable()
export class TerminationService {
  constructor(
    private readonly terminations: LeaseTerminationsRepository,
    private readonly notices: LeaseNoticesRepository,
    private readonly settlements: DepositSettlementsRepository,
    private readonly facts: LeaseEndFacts,
    private readonly leases: LeasesRepository,
    private readonly lifecycle: LeaseLifecycle,
    private readonly clock: Clock,
    private readonly events: Events,
  ) {}

  async get(leaseId: string): Promise<TerminationView> {
    await this.leases.getById(leaseId);
    return this.view(await this.require(leaseId));
  }

  /** Without a notice: an agreement, a court's decision, a lessee's death... the lease moves to NOTICE. */
  async start(leaseId: string, input: StartTerminationDto): Promise<TerminationView> {
    const lease = await this.lifecycle.lock(leaseId);
    if (await this.terminations.ofLease(leaseId)) throw new ConflictError('The lease is already ending: see GET /api/leases/{id}/termination', { status: lease.status });
    if (!ENDING_STATUSES.includes(lease.status)) throw new ConflictError(`Only an ACTIVE or NOTICE lease can be terminated; this one is ${lease.status}`, { status: lease.status });
    if (input.effective_date < lease.start_date) throw new RuleViolationError('effective_date is before the lease starts', { rule: 'effective_date_in_lease' });
    return this.view(await this.open(lease, input.reason, input.effective_date), true);
  }

  async updateItem(leaseId: string, key: ChecklistKey, input: UpdateChecklistItemDto): Promise<TerminationView> {
    const lease = await this.lifecycle.lock(leaseId);
    const termination = await this.require(leaseId, true);
    if (termination.completed_at) throw new ConflictError('The termination is COMPLETED: its checklist no longer changes', { status: 'COMPLETED' });
    const today = isoDate(this.clock.now());
    const on = input.on ?? today;
    if (on > today) throw new RuleViolationError(`${key} cannot be done in the future`, { rule: 'not_in_future' });
    if (on < lease.start_date) throw new RuleViolationError(`${key} cannot be done before the lease starts`, { rule: 'within_lease' });

    const view = await this.checklist(termination);
    if (view[key].source !== 'manual') {
      throw new ConflictError(`${key} follows the ${view[key].source === 'condition_report' ? 'signed exit condition report' : 'paid deposit settlement'}: it cannot be changed by hand`, { key, source: view[key].source });
    }
    if (key === 'deposit_settled' && input.done && Number(lease.deposit_amount ?? 0) > 0) {
      throw new RuleViolationError('The lease has a deposit: record its return (POST /api/leases/{id}/deposit/return, then its paid_on) and the item ticks itself (art. 22, loi n° 89-462)', { rule: 'deposit_settlement_required' });
    }
    let updated = await this.terminations.update(termination.id, { [DONE_AT[key]]: input.done ? atNoon(on) : null });
    if (key === 'keys_returned' && input.done) updated = await this.endOccupation(lease, updated, on);
    return this.view(updated, true);
  }

  /** A new tenant takes the unit before a lessee's notice runs out, with the landlord's agreement: rent stops the day before. */
  async relet(leaseId: string, input: ReletDto): Promise<TerminationView> {
    const lease = await this.lifecycle.lock(leaseId);
    const termination = await this.require(leaseId, true);
    if (termination.completed_at) throw new ConflictError('The termination is COMPLETED', { status: 'COMPLETED' });
    const notice = termination.notice_id ? await this.notices.getById(termination.notice_id) : null;
    if (notice?.given_by !== 'lessee') {
      throw new RuleViolationError('Reletting shortens a lessee\'s notice (art. 15 I, loi n° 89-462); this termination did not come from one', { rule: 'relet_after_lessee_notice' });
    }
    const lastDay = addDays(input.relet_from, -1);
    if (lastDay >= termination.effective_date) throw new RuleViolationError(`relet_from must be before the end of the notice, ${termination.effective_date}`, { rule: 'relet_before_end' });
    if (input.relet_from <= notice.received_on) throw new RuleViolationError('relet_from must be after the notice was received', { rule: 'relet_after_notice' });
    return this.view(await this.moveEnd(lease, termination, lastDay), true);
  }

  async complete(leaseId: string): Promise<TerminationView> {
    await this.lifecycle.lock(leaseId);
    const termination = await this.require(leaseId, true);
    if (termination.completed_at) throw new ConflictError('The termination is already COMPLETED', { status: 'COMPLETED' });
    const checklist = await this.checklist(termination);
    const missing = missingItems(done(checklist));
    if (missing.length > 0) {
      throw new RuleViolationError(`The checklist is not complete: ${missing.join(', ')} (or POST …/termination/force with a reason)`, { rule: 'checklist_complete', missing });
    }
    return this.finish(leaseId, termination, null);
  }

  /** Completes without the checklist (a lessee gone without a word, a court's decision): the reason is kept. */
  async force(leaseId: string, input: ForceTerminationDto): Promise<TerminationView> {
    const lease = await this.lifecycle.lock(leaseId);
    let termination = await this.terminations.ofLease(leaseId, true);
    if (termination?.completed_at) throw new ConflictError('The termination is already COMPLETED', { status: 'COMPLETED' });
    if (!termination) {
      if (!ENDING_STATUSES.includes(lease.status)) throw new ConflictError(`Only an ACTIVE or NOTICE lease can be terminated; this one is ${lease.status}`, { status: lease.status });
      const effective = input.effective_date ?? minDate(isoDate(this.clock.now()), lease.end_date ?? '9999-12-31');
      if (effective < lease.start_date) throw new RuleViolationError('effective_date is before the lease starts', { rule: 'effective_date_in_lease' });
      termination = await this.open(lease, input.reason, effective);
    } else if (input.effective_date) {
      throw new ConflictError('The termination exists: its effective date is set already', { effective_date: termination.effective_date });
    }
    return this.finish(leaseId, termination, input.reason);
  }

  /** TERMINATED → ARCHIVED: read-only from then on. */
  async archive(leaseId: string): Promise<Lease> {
    return this.lifecycle.changeStatus(leaseId, 'ARCHIVED', 'archive');
  }

  /** Ticked by the deposit settlement once the lessee is paid (or unticked if that changes). */
  async depositSettled(leaseId: string, paidOn: string | null): Promise<void> {
    const termination = await this.terminations.ofLease(leaseId, true);
    if (termination && !termination.completed_at) await this.view(await this.terminations.update(termination.id, { deposit_settled_at: paidOn ? atNoon(paidOn) : null }), true);
  }

  /** Stores the status again after a change made elsewhere (the exit condition report signed). */
  async refresh(leaseId: string): Promise<void> {
    const termination = await this.terminations.ofLease(leaseId, true);
    if (termination && !termination.completed_at) await this.view(termination, true);
  }

  /** Opens the workflow (from a notice or a decision): the lease moves to NOTICE and ends on effectiveDate. */
  async open(lease: Lease, reason: string, effectiveDate: string, noticeId: string | null = null): Promise<LeaseTermination> {
    if (lease.status === 'ACTIVE') await this.lifecycle.changeStatus(lease.id, 'NOTICE', 'api');
    await this.leases.update(lease.id, { end_date: effectiveDate });
    return this.terminations.insert({
      lease_id: lease.id, status: 'INITIATED', reason, effective_date: effectiveDate, notice_id: noticeId,
      keys_returned_at: null, exit_report_signed_at: null, deposit_settled_at: null, charges_settled_at: null, forced_reason: null, completed_at: null,
    });
  }

  private async finish(leaseId: string, termination: LeaseTermination, forcedReason: string | null): Promise<TerminationView> {
    await this.lifecycle.changeStatus(leaseId, 'TERMINATED', 'termination');
    const completed = await this.view(await this.terminations.update(termination.id, { status: 'COMPLETED', completed_at: this.clock.now(), forced_reason: forcedReason }), true);
    await this.events.emit('termination.completed', completed);
    return completed;
  }

  /**
   * After a landlord's notice rent is due only while the lessee actually occupies the home (art. 15
   * I): keys returned early end it. After a lessee's notice it runs to the notice's end (only a
   * relet shortens it); without a notice, to the agreed date.
   */
  private async endOccupation(lease: Lease, termination: LeaseTermination, keysReturnedOn: string): Promise<LeaseTermination> {
    if (!termination.notice_id || keysReturnedOn >= termination.effective_date) return termination;
    const notice = await this.notices.getById(termination.notice_id);
    return notice.given_by === 'landlord' ? this.moveEnd(lease, termination, keysReturnedOn) : termination;
  }

  private async moveEnd(lease: Lease, termination: LeaseTermination, lastDay: string): Promise<LeaseTermination> {
    await this.leases.update(lease.id, { end_date: lastDay });
    return this.terminations.update(termination.id, { effective_date: lastDay });
  }

  private async require(leaseId: string, lock = false): Promise<LeaseTermination> {
    const termination = await this.terminations.ofLease(leaseId, lock);
    if (!termination) throw new NotFoundError('Termination');
    return termination;
  }

  /** Each item, and who ticked it: a signed exit report and a paid deposit settlement tick their own. */
  private async checklist(termination: LeaseTermination): Promise<ChecklistView> {
    const item = (at: Date | null, source: ChecklistView['keys_returned']['source'] = 'manual') => ({ done: at !== null, on: at ? isoDate(at) : null, source });
    const report = await this.facts.signedExitReport(termination.lease_id);
    const settlement = await this.settlements.ofLease(termination.lease_id);
    return {
      keys_returned: item(termination.keys_returned_at),
      exit_report_signed: report ? item(report.signed_at, 'condition_report') : item(termination.exit_report_signed_at),
      deposit_settled: settlement ? item(settlement.paid_on ? atNoon(settlement.paid_on) : null, 'deposit_settlement') : item(termination.deposit_settled_at),
      charges_settled: item(termination.charges_settled_at),
    };
  }

  /**
   * The termination as the API shows it; its status is derived from the checklist on every read.
   * Write paths store it too (`persist`), so the column agrees after each change made here.
   */
  private async view(termination: LeaseTermination, persist = false): Promise<TerminationView> {
    const checklist = await this.checklist(termination);
    const flags = done(checklist);
    const status = terminationStatus(flags, termination.completed_at !== null);
    if (persist && status !== termination.status) await this.terminations.update(termination.id, { status });
    const missing = missingItems(flags);
    return {
      id: termination.id,
      lease_id: termination.lease_id,
      status,
      reason: termination.reason,
      effective_date: termination.effective_date,
      notice_id: termination.notice_id,
      checklist,
      completion_percentage: completionPercentage(flags),
      can_complete: status !== 'COMPLETED' && missing.length === 0,
      missing: status === 'COMPLETED' ? [] : missing,
      forced_reason: termination.forced_reason,
      completed_at: termination.completed_at,
      created_at: termination.created_at,
      updated_at: termination.updated_at,
    };
  }
}

function done(checklist: ChecklistView): Checklist {
  return Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, checklist[key].done])) as Checklist;
}
