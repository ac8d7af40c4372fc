import { isProtectedLessee, noticeOutcome, type NoticeFacts, termEnd } from './notice-rules.js';

const facts = (overrides: Partial<NoticeFacts>): NoticeFacts => ({
  leaseType: 'unfurnished', givenBy: 'lessee', reason: 'standard', receivedOn: '2027-03-10', startDate: '2025-01-01', endDate: null, tenseZone: false, landlordIsCompany: false, ...overrides,
});

describe('notices (art. 15, loi n° 89-462)', () => {
  it.each([
    ['unfurnished, standard', {}, 3, '2027-06-10'],
    ['unfurnished in a tense zone', { tenseZone: true }, 1, '2027-04-10'],
    ['unfurnished, first job', { reason: 'first_job' }, 1, '2027-04-10'],
    ['unfurnished, health', { reason: 'health' }, 1, '2027-04-10'],
    ['furnished (art. 25-8)', { leaseType: 'furnished' as const }, 1, '2027-04-10'],
    ['student', { leaseType: 'student' as const }, 1, '2027-04-10'],
  ])('a lessee\'s notice, %s: %i month(s), counted from receipt', (_label, overrides, months, end) => {
    expect(noticeOutcome(facts(overrides))).toEqual({ noticeMonths: months, endDate: end });
  });

  it('ends a landlord\'s notice at the lease\'s term: its end date, or the current tacit term', () => {
    expect(noticeOutcome(facts({ givenBy: 'landlord', reason: 'sale', endDate: '2028-12-31' }))).toEqual({ noticeMonths: 6, endDate: '2028-12-31' });
    // Started 2025-01-01: the first 3-year term ends 2027-12-31.
    expect(noticeOutcome(facts({ givenBy: 'landlord', reason: 'own_occupation' }))).toEqual({ noticeMonths: 6, endDate: '2027-12-31' });
    // A company landlord: 6-year terms (art. 10), to 2030-12-31.
    expect(noticeOutcome(facts({ givenBy: 'landlord', reason: 'sale', landlordIsCompany: true }))).toEqual({ noticeMonths: 6, endDate: '2030-12-31' });
    // Furnished: 1-year terms and 3 months' notice; received 2027-03-10, the term of 2027-12-31.
    expect(noticeOutcome(facts({ givenBy: 'landlord', reason: 'serious_reason', leaseType: 'furnished' }))).toEqual({ noticeMonths: 3, endDate: '2027-12-31' });
  });

  it('refuses a landlord\'s notice that arrives too late, without a legal ground, or on a student lease', () => {
    expect(() => noticeOutcome(facts({ givenBy: 'landlord', reason: 'sale', receivedOn: '2027-07-02' }))).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'art_15_notice_period', term_end: '2027-12-31', latest_receipt: '2027-06-30' }) }));
    expect(() => noticeOutcome(facts({ givenBy: 'landlord', reason: 'standard' }))).toThrow(expect.objectContaining({ details: { rule: 'art_15_landlord_reason' } }));
    expect(() => noticeOutcome(facts({ givenBy: 'landlord', reason: 'sale', leaseType: 'student' }))).toThrow(expect.objectContaining({ details: { rule: 'art_25_9_student_lease' } }));
  });

  it('finds the term in force when a notice arrives after several renewals', () => {
    expect(termEnd({ leaseType: 'furnished', startDate: '2020-09-15', endDate: null, receivedOn: '2027-03-10', landlordIsCompany: false })).toBe('2027-09-14');
    expect(termEnd({ leaseType: 'unfurnished', startDate: '2018-01-01', endDate: null, receivedOn: '2027-03-10', landlordIsCompany: false })).toBe('2029-12-31');
  });

  it('protects a lessee over 65 with modest (or unknown) income (art. 15 III)', () => {
    expect(isProtectedLessee({ birth_date: '1960-05-01', monthly_income: 1500 }, '2027-12-31', 25_000)).toBe(true);
    expect(isProtectedLessee({ birth_date: '1960-05-01', monthly_income: null }, '2027-12-31', 25_000)).toBe(true);
    expect(isProtectedLessee({ birth_date: '1960-05-01', monthly_income: 3000 }, '2027-12-31', 25_000)).toBe(false);
    expect(isProtectedLessee({ birth_date: '1963-01-01', monthly_income: 1500 }, '2027-12-31', 25_000)).toBe(false);
    expect(isProtectedLessee({ birth_date: null, monthly_income: 1500 }, '2027-12-31', 25_000)).toBe(false);
  });
});
