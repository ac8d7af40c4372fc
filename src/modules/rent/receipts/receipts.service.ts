import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import { fromCents } from '../../../core/money/money.js';
import { Notifier } from '../../../core/notifications/notifier.js';
import type { SortedListQuery } from '../../../core/pagination/list-query.dto.js';
import type { Page } from '../../../core/pagination/page.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { Clock } from '../../../core/time/clock.js';
import { newId } from '../../../database/ids.js';
import type { Lessee } from '../../lessees/lessee.entity.js';
import { type CallState, outstanding } from '../account/allocation.js';
import type { LedgerState } from '../account/lease-ledger.service.js';
import { LeaseLedger } from '../account/lease-ledger.service.js';
import { RentDocuments } from '../documents/rent-documents.service.js';
import { ReceiptsRepository } from '../rent.repositories.js';
import type { Receipt, ReceiptKind } from './receipt.entity.js';

/**
 * Receipts, art. 21 loi n° 89-462: a quittance only for a period paid in full, free of charge,
 * rent and charges apart; a partial payment gets a reçu, never a quittance. Issued by `settle`
 * after every change of a lease's account (under its lock): a period that became paid in full gets
 * its quittance, a payment that left its period partly unpaid gets a reçu, and a quittance whose
 * money was reversed is cancelled. Sent by email only to lessees who consented.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly receipts: ReceiptsRepository,
    private readonly ledger: LeaseLedger,
    private readonly documents: RentDocuments,
    private readonly notifier: Notifier,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly events: Events,
  ) {}

  list(leaseId: string, query: SortedListQuery & { kind?: string }): Promise<Page<Receipt>> {
    return this.receipts.pageOfLease(leaseId, query);
  }

  get(leaseId: string, id: string): Promise<Receipt> {
    return this.receipts.getChildOf('lease_id', leaseId, id);
  }

  /** POST /leases/{id}/receipts/generate {period}: the period's quittance, made now if it is due. */
  async generate(leaseId: string, periodStart: string): Promise<Receipt> {
    const state = await this.ledger.state(await this.ledger.lock(leaseId));
    const entry = state.allocation.calls.find((candidate) => candidate.call.periodStart === periodStart);
    if (!entry) throw new RuleViolationError('No rent call for this period: a quittance is for a called period', { rule: 'period_called' });
    if (!entry.paidInFullOn) {
      throw new RuleViolationError(`A quittance is only for a period paid in full (art. 21, loi n° 89-462); ${fromCents(outstanding(entry))} € remain due: partial payments get reçus`, {
        rule: 'art_21_paid_in_full',
        outstanding: fromCents(outstanding(entry)),
      });
    }
    await this.settle(state);
    const issued = (await this.receipts.allOfLease(leaseId)).find((receipt) => receipt.kind === 'quittance' && receipt.call_id === entry.call.id && !receipt.cancelled_at);
    return issued!;
  }

  /** Brings the lease's receipts in line with its account; `paymentId`: the payment just recorded. */
  async settle(state: LedgerState, paymentId?: string): Promise<void> {
    const existing = await this.receipts.allOfLease(state.lease.id);
    const activeQuittance = new Map(existing.filter((receipt) => receipt.kind === 'quittance' && !receipt.cancelled_at).map((receipt) => [receipt.call_id, receipt]));
    for (const entry of state.allocation.calls) {
      const quittance = activeQuittance.get(entry.call.id);
      if (entry.paidInFullOn && !quittance) await this.issue(state, entry, 'quittance', null);
      if (!entry.paidInFullOn && quittance) await this.receipts.cancel(quittance.id);
      const contribution = paymentId ? entry.contributions.find((part) => part.paymentId === paymentId) : undefined;
      if (contribution && !entry.paidInFullOn) await this.issue(state, entry, 'recu', paymentId!);
    }
  }

  private async issue(state: LedgerState, entry: CallState, kind: ReceiptKind, paymentId: string | null): Promise<void> {
    const call = state.calls.find((candidate) => candidate.id === entry.call.id)!;
    const part = paymentId ? entry.contributions.find((contribution) => contribution.paymentId === paymentId)! : { rent: entry.paidRent, charges: entry.paidCharges, receivedOn: entry.paidInFullOn! };
    const year = this.clock.now().getUTCFullYear();
    const { number, sequence } = await this.receipts.nextNumber(kind, year);
    const receipt = {
      lease_id: state.lease.id, kind, number, year, sequence, call_id: call.id, payment_id: paymentId,
      rent_amount: fromCents(part.rent), charges_amount: fromCents(part.charges), total: fromCents(part.rent + part.charges), paid_on: part.receivedOn,
    };
    const document = await this.documents.receipt(state.lease, receipt, call, outstanding(entry));
    const id = newId();
    await this.events.emit('receipt.issued', await this.receipts.insertWithId(id, { ...receipt, document_id: document.id, cancelled_at: null }));
    if (kind === 'quittance') await this.mailToConsentingLessees(state, receipt, call.period_start, call.period_end);
  }

  /** Art. 21: by email only with the lessee's recorded consent; always available through the API. */
  private async mailToConsentingLessees(state: LedgerState, receipt: Pick<Receipt, 'number' | 'rent_amount' | 'charges_amount' | 'total'>, start: string, end: string): Promise<void> {
    const lessees = (await this.context.manager.query(
      `SELECT lessee.* FROM lease_lessees party JOIN lessees lessee ON lessee.tenant_id = party.tenant_id AND lessee.id = party.lessee_id
        WHERE party.tenant_id = $1 AND party.lease_id = $2 AND party.role = 'tenant' AND party.end_date IS NULL
          AND lessee.email IS NOT NULL AND lessee.email_receipts_consent_at IS NOT NULL`,
      [this.context.tenantId, state.lease.id],
    )) as Lessee[];
    for (const lessee of lessees) {
      await this.notifier.send({
        channel: 'email',
        recipient: lessee.email!,
        subject: `Quittance de loyer ${receipt.number}`,
        body: `Quittance de loyer n° ${receipt.number}, période du ${start} au ${end} : loyer ${receipt.rent_amount} €, charges ${receipt.charges_amount} €, total ${receipt.total} € reçus. Délivrée gratuitement.`,
      });
    }
  }
}
