import { assertLeaseRules } from './lease-rules.js';

const base = { lease_type: 'unfurnished' as const, start_date: '2026-01-01', end_date: null, rent_amount: 800, deposit_amount: null, rent_frequency: 'monthly' as const };

describe('assertLeaseRules', () => {
  it.each([
    [{}, undefined],
    [{ end_date: '2026-01-01' }, 'end_after_start'],
    [{ end_date: '2025-12-31' }, 'end_after_start'],
    [{ end_date: '2026-01-02' }, undefined],
    [{ deposit_amount: 800 }, undefined],
    [{ deposit_amount: 800.01 }, 'deposit_cap'],
    [{ lease_type: 'furnished', deposit_amount: 1600 }, undefined],
    [{ lease_type: 'furnished', deposit_amount: 1600.01 }, 'deposit_cap'],
    [{ lease_type: 'student', deposit_amount: 1700 }, 'deposit_cap'],
    [{ lease_type: 'commercial', deposit_amount: 9600 }, undefined],
    [{ rent_frequency: 'quarterly', rent_amount: 2400, deposit_amount: 800 }, undefined],
    [{ rent_frequency: 'quarterly', rent_amount: 2400, deposit_amount: 801 }, 'deposit_cap'],
  ] as const)('%o → %s', (overrides, rule) => {
    const run = () => assertLeaseRules({ ...base, ...overrides });
    if (rule) expect(run).toThrow(expect.objectContaining({ status: 422, type: 'RULE_VIOLATION', details: expect.objectContaining({ rule }) }));
    else expect(run).not.toThrow();
  });
});
