import { assertEffectiveInLease, assertNewEnd, assertNoticeBeforeEffect } from './amendment-rules.js';

const ruleOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ status: 422, type: 'RULE_VIOLATION' });
    return (error as { details: { rule: string } }).details.rule;
  }
  return undefined;
};

describe('amendment rules', () => {
  const lease = { start_date: '2027-01-01', end_date: '2029-12-31' };

  it.each([
    ['2030-06-30', '2027-09-01', undefined],
    ['2029-12-31', '2027-09-01', 'end_after_current_end'],
    ['2028-06-30', '2027-09-01', 'end_after_current_end'],
    ['2026-12-31', '2026-12-01', 'end_after_start'],
    ['2030-06-30', '2030-06-30', 'end_after_effective'],
  ])('new end %s effective %s → %s', (endDate, effectiveDate, rule) => {
    expect(ruleOf(() => assertNewEnd(lease, endDate, effectiveDate))).toBe(rule);
  });

  it('lets a lease without an end date get one after its start', () => {
    expect(ruleOf(() => assertNewEnd({ ...lease, end_date: null }, '2028-06-30', '2027-09-01'))).toBeUndefined();
  });

  it('takes effect on or after the lease starts', () => {
    expect(ruleOf(() => assertEffectiveInLease(lease, '2027-01-01'))).toBeUndefined();
    expect(ruleOf(() => assertEffectiveInLease(lease, '2026-12-31'))).toBe('effective_in_lease');
  });

  it('has the congé given before it takes effect', () => {
    expect(ruleOf(() => assertNoticeBeforeEffect('2027-06-01', '2027-06-01'))).toBeUndefined();
    expect(ruleOf(() => assertNoticeBeforeEffect('2027-06-02', '2027-06-01'))).toBe('notice_before_effect');
  });
});
