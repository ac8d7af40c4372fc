import { rentSchedule, type ScheduleInput } from './rent-schedule.js';

const lease = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  startDate: '2027-01-01',
  endDate: null,
  paymentDay: 5,
  frequency: 'monthly',
  rents: [{ from: '2027-01-01', rent: 85050, provision: 6000 }],
  charges: [],
  ...overrides,
});
const brief = (periods: ReturnType<typeof rentSchedule>) => periods.map(({ start, end, dueDate, rent, charges, total }) => ({ start, end, dueDate, rent, charges, total }));

describe('rent schedule', () => {
  it('calls rent and the charges provision each month, in advance, on the payment day', () => {
    expect(brief(rentSchedule(lease(), '2027-01-01', '2027-03-31'))).toEqual([
      { start: '2027-01-01', end: '2027-01-31', dueDate: '2027-01-05', rent: 85050, charges: 6000, total: 91050 },
      { start: '2027-02-01', end: '2027-02-28', dueDate: '2027-02-05', rent: 85050, charges: 6000, total: 91050 },
      { start: '2027-03-01', end: '2027-03-31', dueDate: '2027-03-05', rent: 85050, charges: 6000, total: 91050 },
    ]);
  });

  it('prorates a first partial month by actual days, due on the first day of the lease', () => {
    const [first, second] = rentSchedule(lease({ startDate: '2027-01-15', rents: [{ from: '2027-01-15', rent: 90000, provision: 3100 }] }), '2027-01-01', '2027-02-28');
    // 17 of 31 days: 900 × 17 / 31 = 493.548… → 493.55; 31 × 17 / 31 = 17.00
    expect({ ...first, lines: undefined }).toEqual({ start: '2027-01-15', end: '2027-01-31', dueDate: '2027-01-15', rent: 49355, charges: 1700, total: 51055, lines: undefined });
    expect(second.total).toBe(93100);
  });

  it('prorates a last partial month by actual days', () => {
    const periods = rentSchedule(lease({ endDate: '2027-06-20' }), '2027-06-01', '2027-12-31');
    // 20 of 30 days: 850.50 × 20 / 30 = 567.00; 60 × 20 / 30 = 40.00. Nothing after the end.
    expect(brief(periods)).toEqual([{ start: '2027-06-01', end: '2027-06-20', dueDate: '2027-06-05', rent: 56700, charges: 4000, total: 60700 }]);
  });

  it('calls a quarterly lease in the first month of each calendar quarter, prorating a partial first quarter', () => {
    const periods = rentSchedule(lease({ frequency: 'quarterly', startDate: '2027-02-10', rents: [{ from: '2027-02-10', rent: 240000, provision: 0 }] }), '2027-01-01', '2027-12-31');
    // Q1 2027 has 90 days; the lease covers 50 of them: 2400 × 50 / 90 = 1333.33
    expect(brief(periods)).toEqual([
      { start: '2027-02-10', end: '2027-03-31', dueDate: '2027-02-10', rent: 133333, charges: 0, total: 133333 },
      { start: '2027-04-01', end: '2027-06-30', dueDate: '2027-04-05', rent: 240000, charges: 0, total: 240000 },
      { start: '2027-07-01', end: '2027-09-30', dueDate: '2027-07-05', rent: 240000, charges: 0, total: 240000 },
      { start: '2027-10-01', end: '2027-12-31', dueDate: '2027-10-05', rent: 240000, charges: 0, total: 240000 },
    ]);
  });

  it('applies a rent change from its effective date, prorated within the period', () => {
    const rents = [{ from: '2027-01-01', rent: 85000, provision: 6000 }, { from: '2027-03-16', rent: 87000, provision: 6200 }];
    const [march, april] = rentSchedule(lease({ rents }), '2027-03-01', '2027-04-30');
    // (850 × 15 + 870 × 16) / 31 = 860.3225… → 860.32; (60 × 15 + 62 × 16) / 31 = 61.032… → 61.03
    expect({ rent: march.rent, charges: march.charges }).toEqual({ rent: 86032, charges: 6103 });
    expect({ rent: april.rent, charges: april.charges }).toEqual({ rent: 87000, charges: 6200 });
  });

  it('adds each recoverable charge row in the period of each of its due dates', () => {
    const charges: ScheduleInput['charges'] = [
      { label: 'Entretien des parties communes', amount: 4500, frequency: 'quarterly', startDate: null, endDate: null },
      { label: 'Taxe d\'ordures ménagères', amount: 18000, frequency: 'yearly', startDate: '2027-09-01', endDate: null },
      { label: 'Eau', amount: 2000, frequency: 'monthly', startDate: '2027-01-01', endDate: '2027-02-28' },
      { label: 'Badge', amount: 1500, frequency: 'one_time', startDate: '2027-02-03', endDate: null },
    ];
    const periods = rentSchedule(lease({ charges, rents: [{ from: '2027-01-01', rent: 80000, provision: 0 }] }), '2027-01-01', '2027-12-31');
    const labels = periods.map((period) => period.lines.filter((line) => line.kind === 'charge').map((line) => line.label));
    expect(labels).toEqual([
      ['Entretien des parties communes', 'Eau'], ['Eau', 'Badge'], [], ['Entretien des parties communes'], [], [],
      ['Entretien des parties communes'], [], ['Taxe d\'ordures ménagères'], ['Entretien des parties communes'], [], [],
    ]);
    expect(periods[0].total).toBe(80000 + 4500 + 2000);
  });

  it('calls a quarterly charge three times in a quarterly lease\'s quarter when it is monthly', () => {
    const charges: ScheduleInput['charges'] = [{ label: 'Eau', amount: 2000, frequency: 'monthly', startDate: null, endDate: null }];
    const [quarter] = rentSchedule(lease({ frequency: 'quarterly', charges, rents: [{ from: '2027-01-01', rent: 240000, provision: 0 }] }), '2027-01-01', '2027-03-31');
    expect(quarter.charges).toBe(6000);
  });

  it('starts at `from` and lists nothing before the lease', () => {
    expect(rentSchedule(lease({ startDate: '2027-05-01' }), '2027-01-01', '2027-04-30')).toEqual([]);
    expect(rentSchedule(lease(), '2027-05-10', '2027-05-31').map((period) => period.start)).toEqual(['2027-05-01']);
  });
});
