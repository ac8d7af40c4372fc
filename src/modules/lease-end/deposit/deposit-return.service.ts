import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { type Cents, divideRounded, fromCents, toCents } from '../../../core/money/money.js';
import { addMonths, isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { LeaseLifecycle } from '../../leases/lease-lifecycle.service.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { outstanding } from '../../rent/account/allocation.js';
import { LeaseLedger } from '../../rent/account/lease-ledger.service.js';
import { DocumentsService } from '../../documents/documents.service.js';
import { RentDocuments } from '../../rent/documents/rent-documents.service.js';
import { RentPaymentsService } from '../../rent/payments/rent-payments.service.js';
import type { ReturnDepositDto, UpdateDepositReturnDto } from '../lease-end.dto.js';
import type { DepositSettlement } from '../lease-end.entities.js';
import { type DepositFactsRow, DepositSettlementsRepository, LeaseEndFacts, LeaseTerminationsRepository } from '../lease-end.repositories.js';
import { TerminationService } from '../termination/termination.service.js';
import { renderDepositSettlement } from './deposit-settlement-pdf.js';
import { depositDueDate, MAX_HELD_BACK_PERCENT, settlementFigures } from './deposit-rules.js';

const rule = (message: string, name: string, details: Record<string, unknown> = {}) => new RuleViolationError(message, { rule: name, ...details });

/**
 * The deposit's return at the end of a lease (art. 22, loi n° 89-462): itemised deductions, the
 * legal deadline, what a collective building may hold back, arrears paid from the deposit (an
 * entry in the lease's account), the late penalty, and the settlement PDF — one transaction.
 */
@Injectable()
export class DepositReturnService {
  constructor(
    private readonly settlements: DepositSettlementsRepository,
    private readonly terminations: LeaseTerminationsRepository,
    private readonly termination: TerminationService,
    private readonly facts: LeaseEndFacts,
    private readonly lifecycle: LeaseLifecycle,
    private readonly leases: LeasesRepository,
    private readonly ledger: LeaseLedger,
    private readonly payments: RentPaymentsService,
    private readonly documents: RentDocuments,
    private readonly files: DocumentsService,
    private readonly clock: Clock,
  ) {}

  async get(leaseId: string): Promise<DepositSettlement> {
    await this.leases.getById(leaseId);
    const settlement = await this.settlements.ofLease(leaseId);
    if (!settlement) throw new NotFoundError('Deposit settlement');
    return this.asOfToday(settlement, await this.depositFacts(leaseId));
  }

  async create(leaseId: string, input: ReturnDepositDto): Promise<DepositSettlement> {
    const lease = await this.lifecycle.lock(leaseId);
    const termination = await this.terminations.ofLease(leaseId, true);
    if (!termination) throw new ConflictError('The lease is not ending: give notice (POST …/notices) or start its termination first', { status: lease.status });
    if (await this.settlements.ofLease(leaseId, true)) throw new ConflictError('The deposit settlement exists: change it with PUT /api/leases/{id}/deposit/return');
    const facts = await this.depositFacts(leaseId);
    const deposit = toCents(facts.deposit_amount ?? 0);
    if (deposit === 0) throw rule('The lease has no deposit to return: tick deposit_settled on the termination checklist', 'no_deposit');

    const today = isoDate(this.clock.now());
    const keysReturnedOn = input.keys_returned_on ?? (termination.keys_returned_at ? isoDate(termination.keys_returned_at) : undefined);
    if (!keysReturnedOn) throw rule('keys_returned_on is needed: give it, or tick keys_returned on the termination checklist', 'keys_returned_on_required');
    this.assertDates(lease, keysReturnedOn, { paid_on: input.paid_on, forwarding_address_on: input.forwarding_address_on }, today);
    const exitMatchesEntry = input.exit_matches_entry ?? (await this.facts.exitMatchesEntry(leaseId));
    if (exitMatchesEntry === null) {
      throw rule('exit_matches_entry is needed: the lease has no signed entry and exit condition reports to compare', 'exit_matches_entry_required');
    }

    const deductions = input.deductions.map((deduction) => ({ ...deduction, cents: toCents(deduction.amount) }));
    const deducted = deductions.reduce((sum, deduction) => sum + deduction.cents, 0);
    const heldBack = toCents(input.held_back ?? 0);
    if (heldBack > 0 && !facts.collective_building) {
      throw rule('Only in a collective building may part of the deposit wait for the building\'s accounts (art. 22, loi n° 89-462)', 'art_22_held_back_collective');
    }
    const maxHeldBack = divideRounded(deposit * MAX_HELD_BACK_PERCENT, 100);
    if (heldBack > maxHeldBack) {
      throw rule(`At most ${MAX_HELD_BACK_PERCENT} % of the deposit, ${fromCents(maxHeldBack)} €, may be held back until the building's accounts are approved (art. 22, loi n° 89-462)`, 'art_22_held_back_max', { max_held_back: fromCents(maxHeldBack) });
    }
    if (deducted + heldBack > deposit) {
      throw rule(`The deductions (${fromCents(deducted + heldBack)} €) exceed the deposit (${fromCents(deposit)} €): claim the difference from the lessee apart`, 'deductions_within_deposit', {
        deposit: fromCents(deposit), deductions: fromCents(deducted), held_back: fromCents(heldBack),
      });
    }
    const arrears = input.deduct_arrears ? Math.min(await this.owed(lease), deposit - deducted - heldBack) : 0;
    if (arrears > 0) await this.payments.record(leaseId, { amount: fromCents(arrears), received_on: today, method: 'deposit', reference: 'Retenue sur le dépôt de garantie' });

    const settlement = await this.settlements.insert({
      lease_id: leaseId,
      deposit_amount: fromCents(deposit),
      deductions: deductions.map(({ label, amount, reason }) => ({ label, amount, reason })),
      deducted_total: fromCents(deducted),
      arrears_deducted: fromCents(arrears),
      held_back: fromCents(heldBack),
      keys_returned_on: keysReturnedOn,
      exit_matches_entry: exitMatchesEntry,
      due_date: depositDueDate(keysReturnedOn, exitMatchesEntry),
      forwarding_address_on: input.forwarding_address_on ?? (await this.forwardingAddressGivenOn(leaseId)),
      paid_on: input.paid_on ?? null,
      penalty: 0,
      amount_returned: 0,
      held_back_due_date: null,
      held_back_paid_on: null,
      document_id: null,
    });
    return this.settle(lease, settlement, facts);
  }

  async update(leaseId: string, input: UpdateDepositReturnDto): Promise<DepositSettlement> {
    const lease = await this.lifecycle.lock(leaseId);
    const settlement = await this.settlements.ofLease(leaseId, true);
    if (!settlement) throw new NotFoundError('Deposit settlement');
    const today = isoDate(this.clock.now());
    this.assertDates(lease, settlement.keys_returned_on, input, today);
    if (input.paid_on && settlement.paid_on && input.paid_on !== settlement.paid_on) {
      throw new ConflictError(`The balance was recorded as paid on ${settlement.paid_on}; a settlement paid is not rewritten`, { paid_on: settlement.paid_on });
    }
    const heldBack = Number(settlement.held_back) > 0;
    if ((input.accounts_approved_on || input.held_back_paid_on) && !heldBack) {
      throw rule('Nothing was held back for the building\'s accounts', 'nothing_held_back');
    }
    if (input.held_back_paid_on && input.held_back_paid_on > today) throw rule('held_back_paid_on cannot be in the future', 'not_in_future');
    const changed = await this.settlements.update(settlement.id, {
      forwarding_address_on: input.forwarding_address_on,
      paid_on: input.paid_on,
      // Art. 22: once the accounts are approved, the balance held back is due within one month.
      held_back_due_date: input.accounts_approved_on ? addMonths(input.accounts_approved_on, 1) : undefined,
      held_back_paid_on: input.held_back_paid_on,
    });
    return this.settle(lease, changed, await this.depositFacts(leaseId));
  }

  /** Stores the figures (as of the payment, or today), renders a new version of the PDF, ticks the checklist when paid. */
  private async settle(lease: Lease, settlement: DepositSettlement, facts: DepositFactsRow): Promise<DepositSettlement> {
    const figures = this.figures(settlement, facts);
    const withFigures = { ...settlement, penalty: fromCents(figures.penalty), amount_returned: fromCents(figures.returned) };
    const parties = await this.documents.partiesOf(lease);
    const bytes = await renderDepositSettlement({
      ...parties,
      issuedOn: isoDate(this.clock.now()),
      deposit: toCents(settlement.deposit_amount),
      keysReturnedOn: settlement.keys_returned_on,
      exitMatchesEntry: settlement.exit_matches_entry,
      dueDate: settlement.due_date,
      deductions: settlement.deductions.map((deduction) => ({ label: deduction.label, reason: deduction.reason, amount: toCents(deduction.amount) })),
      deducted: figures.deducted,
      arrears: toCents(settlement.arrears_deducted),
      heldBack: toCents(settlement.held_back),
      heldBackDueDate: settlement.held_back_due_date,
      monthlyRent: monthlyRent(facts),
      forwardingAddressOn: settlement.forwarding_address_on,
      paidOn: settlement.paid_on,
      monthsLate: figures.monthsLate,
      penalty: figures.penalty,
      returned: figures.returned,
    });
    const document = await this.files.storeGenerated(lease.id, 'deposit_settlement_pdf', bytes, settlement.id);
    const stored = await this.settlements.update(settlement.id, { penalty: withFigures.penalty, amount_returned: withFigures.amount_returned, document_id: document.id });
    await this.termination.depositSettled(lease.id, stored.paid_on);
    return stored;
  }

  /** Unpaid and late, the penalty grows each month: shown as it stands today. */
  private asOfToday(settlement: DepositSettlement, facts: DepositFactsRow): DepositSettlement {
    if (settlement.paid_on) return settlement;
    const figures = this.figures(settlement, facts);
    return Object.assign(settlement, { penalty: fromCents(figures.penalty), amount_returned: fromCents(figures.returned) });
  }

  private figures(settlement: DepositSettlement, facts: DepositFactsRow) {
    return settlementFigures({
      deposit: toCents(settlement.deposit_amount),
      deductions: settlement.deductions.map((deduction) => toCents(deduction.amount)),
      arrears: toCents(settlement.arrears_deducted),
      heldBack: toCents(settlement.held_back),
      dueDate: settlement.due_date,
      forwardingAddressOn: settlement.forwarding_address_on,
      paidOn: settlement.paid_on,
      asOf: isoDate(this.clock.now()),
      monthlyRent: monthlyRent(facts),
    });
  }

  /** What the lessee still owes on the calls issued (the oldest first, as the account allocates). */
  private async owed(lease: Lease): Promise<Cents> {
    const state = await this.ledger.state(await this.ledger.lock(lease.id));
    return state.allocation.calls.reduce((sum, entry) => sum + outstanding(entry), 0);
  }

  private async forwardingAddressGivenOn(leaseId: string): Promise<string | null> {
    const report = await this.facts.signedExitReport(leaseId);
    return report?.forwarding_address ? report.performed_on : null;
  }

  private async depositFacts(leaseId: string): Promise<DepositFactsRow> {
    const facts = await this.facts.forDeposit(leaseId);
    if (!facts) throw new NotFoundError('Lease');
    return facts;
  }

  private assertDates(lease: Lease, keysReturnedOn: string, dates: { paid_on?: string; forwarding_address_on?: string }, today: string): void {
    if (keysReturnedOn > today) throw rule('keys_returned_on cannot be in the future', 'not_in_future');
    if (keysReturnedOn < lease.start_date) throw rule('keys_returned_on is before the lease starts', 'within_lease');
    for (const [field, date] of Object.entries(dates)) {
      if (!date) continue;
      if (date > today) throw rule(`${field} cannot be in the future`, 'not_in_future', { field });
      // A forwarding address may come before the keys (in the notice itself); a payment may not.
      if (field === 'paid_on' && date < keysReturnedOn) throw rule(`${field} is before the keys were returned (${keysReturnedOn})`, 'after_keys_returned', { field });
    }
  }
}

/** The monthly rent, charges excluded, that the late penalty is a tenth of: a quarterly rent counts for three months. */
function monthlyRent(facts: DepositFactsRow): Cents {
  const period = toCents(facts.period_rent);
  return facts.rent_frequency === 'quarterly' ? divideRounded(period, 3) : period;
}
