import { depositDueDate, latePenalty } from './deposit-rules.js';

describe('deposit return (art. 22, loi n° 89-462)', () => {
  it('is due a month after the keys when the exit matches the entry, two months otherwise', () => {
    expect(depositDueDate('2027-04-10', true)).toBe('2027-05-10');
    expect(depositDueDate('2027-04-10', false)).toBe('2027-06-10');
    expect(depositDueDate('2027-12-31', true)).toBe('2028-01-31');
  });

  it.each([
    ['on time', '2027-06-10', '2027-04-20', 0, 0],
    ['a day late: one month started', '2027-06-11', '2027-04-20', 1, 8155],
    ['a month late exactly', '2027-07-10', '2027-04-20', 1, 8155],
    ['a month and a day late', '2027-07-11', '2027-04-20', 2, 16310],
    ['late, but the address came after the due date: counted from it', '2027-07-11', '2027-06-25', 1, 8155],
    ['late with no forwarding address ever given', '2027-09-01', null, 0, 0],
  ])('%s', (_label, paidOn, addressOn, months, penalty) => {
    // 10 % of 815.50 € = 81.55 € per month started.
    expect(latePenalty({ dueDate: '2027-06-10', paidOn, forwardingAddressOn: addressOn, monthlyRent: 81550 })).toEqual({ monthsStarted: months, penalty });
  });

  it('rounds 10 % of the rent to the cent', () => {
    expect(latePenalty({ dueDate: '2027-06-10', paidOn: '2027-06-11', forwardingAddressOn: '2027-04-01', monthlyRent: 80005 }).penalty).toBe(8001);
  });
});
