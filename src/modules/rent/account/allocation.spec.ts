import { allocate, type CallDue, type MoneyIn, outstanding } from './allocation.js';

const call = (month: number, rent = 80000, charges = 5000): CallDue => ({
  id: `c${month}`, periodStart: `2027-${String(month).padStart(2, '0')}-01`, dueDate: `2027-${String(month).padStart(2, '0')}-05`, rent, charges,
});
const pay = (id: string, amount: number, receivedOn: string, reversesId: string | null = null): MoneyIn => ({ id, amount, receivedOn, reversesId });

describe('allocation of money received', () => {
  it('pays the oldest period first, charges before rent', () => {
    const { calls, credit, balance } = allocate([call(2), call(1)], [pay('p1', 30000, '2027-01-06')]);
    expect(calls.map((s) => [s.call.id, s.paidCharges, s.paidRent])).toEqual([['c1', 5000, 25000], ['c2', 0, 0]]);
    expect(credit).toBe(0);
    expect(balance).toBe(170000 - 30000);
  });

  it('completes a period across payments and dates it by the payment that completed it', () => {
    const { calls } = allocate([call(1), call(2)], [pay('p1', 50000, '2027-01-04'), pay('p2', 50000, '2027-01-20')]);
    expect(calls[0]).toMatchObject({ paidInFullOn: '2027-01-20', contributions: [{ paymentId: 'p1', charges: 5000, rent: 45000 }, { paymentId: 'p2', charges: 0, rent: 35000 }] });
    expect(calls[1]).toMatchObject({ paidCharges: 5000, paidRent: 10000, paidInFullOn: null });
  });

  it('keeps an overpayment as a credit, used by the next period when it is called', () => {
    const before = allocate([call(1)], [pay('p1', 100000, '2027-01-03')]);
    expect({ credit: before.credit, balance: before.balance }).toEqual({ credit: 15000, balance: -15000 });
    const after = allocate([call(1), call(2)], [pay('p1', 100000, '2027-01-03')]);
    expect(after.calls[1]).toMatchObject({ paidCharges: 5000, paidRent: 10000 });
    expect(after.credit).toBe(0);
  });

  it('drops a reversed payment and its reversal, as if the money never came', () => {
    const { calls, balance } = allocate([call(1)], [pay('p1', 85000, '2027-01-05'), pay('r1', -85000, '2027-01-12', 'p1'), pay('p2', 20000, '2027-01-13')]);
    expect(calls[0]).toMatchObject({ paidCharges: 5000, paidRent: 15000, paidInFullOn: null });
    expect(outstanding(calls[0])).toBe(65000);
    expect(balance).toBe(65000);
  });

  it('allocates every cent exactly once, whatever the order payments are listed in', () => {
    const calls = [call(1), call(2), call(3)];
    const payments = Array.from({ length: 10 }, (_, i) => pay(`p${i}`, 1 + i * 2501, '2027-01-10'));
    const forward = allocate(calls, payments);
    const backward = allocate(calls, [...payments].reverse());
    expect(backward).toEqual(forward);
    const allocated = forward.calls.reduce((sum, s) => sum + s.paidCharges + s.paidRent, 0);
    expect(allocated + forward.credit).toBe(payments.reduce((sum, p) => sum + p.amount, 0));
  });
});
