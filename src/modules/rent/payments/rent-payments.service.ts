import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import type { SortedListQuery } from '../../../core/pagination/list-query.dto.js';
import type { Page } from '../../../core/pagination/page.js';
import { LeaseLedger } from '../account/lease-ledger.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { RentPaymentsRepository } from '../rent.repositories.js';
import type { RecordPaymentDto, ReversePaymentDto } from './rent-payments.dto.js';
import type { LedgerMethod, RentPayment } from './rent-payment.entity.js';

/**
 * Money received for a lease: recorded, allocated (oldest period first, charges before rent; an
 * overpayment stays as a credit) and acknowledged by a quittance or a reçu, in one transaction
 * under the lease's lock. Never edited: a mistake or a bounced cheque is a reversing entry.
 */
@Injectable()
export class RentPaymentsService {
  constructor(
    private readonly payments: RentPaymentsRepository,
    private readonly ledger: LeaseLedger,
    private readonly receipts: ReceiptsService,
    private readonly events: Events,
  ) {}

  list(leaseId: string, query: SortedListQuery): Promise<Page<RentPayment>> {
    return this.payments.pageOfLease(leaseId, query);
  }

  get(leaseId: string, id: string): Promise<RentPayment> {
    return this.payments.getChildOf('lease_id', leaseId, id);
  }

  async record(leaseId: string, input: Omit<RecordPaymentDto, 'method'> & { method: LedgerMethod }): Promise<RentPayment> {
    const lease = await this.ledger.lock(leaseId);
    const payment = await this.payments.insert({ lease_id: lease.id, amount: input.amount, received_on: input.received_on, method: input.method, reference: input.reference ?? null, reverses_id: null });
    await this.events.emit('rent_payment.received', payment);
    await this.receipts.settle(await this.ledger.state(lease), payment.id);
    return payment;
  }

  /** A reversing entry: the payment no longer counts; quittances it completed are cancelled. */
  async reverse(leaseId: string, paymentId: string, input: ReversePaymentDto): Promise<RentPayment> {
    const lease = await this.ledger.lock(leaseId);
    const original = await this.payments.getChildOf('lease_id', leaseId, paymentId);
    if (original.reverses_id) throw new ConflictError('A reversal cannot be reversed: record the payment again');
    if (await this.payments.reversalOf(original.id)) throw new ConflictError('This payment has been reversed already');
    const reversal = await this.payments.insert({
      lease_id: lease.id, amount: -original.amount, received_on: input.reversed_on, method: original.method, reference: input.reason ?? null, reverses_id: original.id,
    });
    await this.receipts.settle(await this.ledger.state(lease));
    return reversal;
  }
}
