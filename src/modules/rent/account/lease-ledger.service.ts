import { Injectable } from '@nestjs/common';
import { type Cents, toCents } from '../../../core/money/money.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import type { RentCall } from '../calls/rent-call.entity.js';
import type { RentPayment } from '../payments/rent-payment.entity.js';
import { RentCallsRepository, RentPaymentsRepository } from '../rent.repositories.js';
import { allocate, type Allocation } from './allocation.js';

export interface LedgerState {
  lease: Lease;
  calls: RentCall[];
  payments: RentPayment[];
  allocation: Allocation;
}

/**
 * A lease's account: its rent calls (what is owed) and the money received (an append-only
 * ledger), with the allocation derived from both. Every change to it (a call, a payment, a
 * reversal) first takes the lease's row lock, so changes to one lease run one after the other and
 * each cent is allocated exactly once.
 */
@Injectable()
export class LeaseLedger {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly calls: RentCallsRepository,
    private readonly payments: RentPaymentsRepository,
  ) {}

  lock(leaseId: string): Promise<Lease> {
    return this.leases.lockById(leaseId);
  }

  async state(lease: Lease): Promise<LedgerState> {
    const calls = await this.calls.allOfLease(lease.id);
    const payments = await this.payments.allOfLease(lease.id);
    const allocation = allocate(
      calls.map((call) => ({ id: call.id, periodStart: call.period_start, dueDate: call.due_date, rent: toCents(call.rent_amount), charges: toCents(call.charges_amount) })),
      payments.map((payment) => ({ id: payment.id, amount: toCents(payment.amount), receivedOn: payment.received_on, reversesId: payment.reverses_id })),
    );
    return { lease, calls, payments, allocation };
  }

  /** Money received and not owed yet (a credit), before a new call: shown on the call. */
  static balanceOf(state: LedgerState): Cents {
    return state.allocation.balance;
  }
}
