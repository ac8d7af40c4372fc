import type { Cents } from '../../../core/money/money.js';
import type { IsoDate } from '../../../core/time/calendar.js';

export interface CallDue {
  id: string;
  periodStart: IsoDate;
  dueDate: IsoDate;
  rent: Cents;
  charges: Cents;
}

/** A ledger entry of money received: a payment (> 0) or the reversal of one (< 0, naming it). */
export interface MoneyIn {
  id: string;
  amount: Cents;
  receivedOn: IsoDate;
  reversesId: string | null;
}

export interface CallState {
  call: CallDue;
  paidCharges: Cents;
  paidRent: Cents;
  /** When the last cent came in: the date of the payment that completed the period. */
  paidInFullOn: IsoDate | null;
  /** What each payment brought to this period. */
  contributions: { paymentId: string; charges: Cents; rent: Cents; receivedOn: IsoDate }[];
}

export interface Allocation {
  calls: CallState[];
  /** Money received and not yet owed: carried as a credit on the lease. */
  credit: Cents;
  /** Calls − money received: > 0 owed, < 0 a credit. */
  balance: Cents;
}

/**
 * Where every cent received went, derived from the append-only ledger (never stored, so never
 * out of date): money goes to the oldest period still owed first and, within a period, to the
 * charges before the rent. A reversed payment and its reversal both drop out, as if never
 * received. Deterministic: the same ledger always gives the same allocation.
 */
export function allocate(calls: CallDue[], moneyIn: MoneyIn[]): Allocation {
  const reversed = new Set(moneyIn.filter((entry) => entry.reversesId).map((entry) => entry.reversesId));
  const payments = moneyIn
    .filter((entry) => !entry.reversesId && !reversed.has(entry.id))
    .sort((a, b) => (a.receivedOn === b.receivedOn ? (a.id < b.id ? -1 : 1) : a.receivedOn < b.receivedOn ? -1 : 1));
  const states: CallState[] = [...calls]
    .sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1))
    .map((call) => ({ call, paidCharges: 0, paidRent: 0, paidInFullOn: null, contributions: [] }));

  let credit = 0;
  let next = 0; // the oldest period not yet paid in full
  for (const payment of payments) {
    let left = payment.amount;
    while (left > 0 && next < states.length) {
      const state = states[next];
      const toCharges = Math.min(left, state.call.charges - state.paidCharges);
      const toRent = Math.min(left - toCharges, state.call.rent - state.paidRent);
      state.paidCharges += toCharges;
      state.paidRent += toRent;
      left -= toCharges + toRent;
      if (toCharges + toRent > 0) state.contributions.push({ paymentId: payment.id, charges: toCharges, rent: toRent, receivedOn: payment.receivedOn });
      if (state.paidCharges === state.call.charges && state.paidRent === state.call.rent) {
        state.paidInFullOn = state.contributions.at(-1)?.receivedOn ?? payment.receivedOn;
        next++;
      }
    }
    credit += left;
  }
  const owed = calls.reduce((sum, call) => sum + call.rent + call.charges, 0);
  const received = payments.reduce((sum, payment) => sum + payment.amount, 0);
  return { calls: states, credit, balance: owed - received };
}

/** Totals of a period's state. */
export const outstanding = (state: CallState): Cents => state.call.rent + state.call.charges - state.paidRent - state.paidCharges;
