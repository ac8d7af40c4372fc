import { allowedNextStatuses, assertTransition, LEASE_STATUSES, LEASE_TRANSITIONS } from './lease-status.js';

describe('lease status machine', () => {
  const pairs = LEASE_STATUSES.flatMap((from) => LEASE_STATUSES.map((to) => [from, to] as const));

  it('allows exactly the SPEC transitions through the API', () => {
    const allowed = pairs.filter(([from, to]) => LEASE_TRANSITIONS[from][to] === 'api').map(([from, to]) => `${from}→${to}`);
    expect(allowed.sort()).toEqual(['ACTIVE→NOTICE', 'DRAFT→ACTIVE', 'DRAFT→CANCELLED']);
  });

  it('leaves the end of a lease to its workflows: termination, then archive', () => {
    const byWorkflow = pairs.filter(([from, to]) => ['termination', 'archive'].includes(LEASE_TRANSITIONS[from][to] ?? '')).map(([from, to]) => `${from}→${to}:${LEASE_TRANSITIONS[from][to]}`);
    expect(byWorkflow.sort()).toEqual(['ACTIVE→TERMINATED:termination', 'NOTICE→TERMINATED:termination', 'TERMINATED→ARCHIVED:archive']);
  });

  it('leaves signing transitions to the signature workflow', () => {
    const bySignature = pairs.filter(([from, to]) => LEASE_TRANSITIONS[from][to] === 'signature').map(([from, to]) => `${from}→${to}`);
    expect(bySignature.sort()).toEqual(['DRAFT→PENDING_SIGNATURE', 'PENDING_SIGNATURE→ACTIVE', 'PENDING_SIGNATURE→DRAFT']);
  });

  it.each(pairs)('%s → %s through the API: allowed iff in the table, else INVALID_TRANSITION listing the options', (from, to) => {
    if (LEASE_TRANSITIONS[from][to] === 'api') {
      expect(() => assertTransition(from, to, 'api')).not.toThrow();
    } else {
      expect(() => assertTransition(from, to, 'api')).toThrow(expect.objectContaining({
        status: 422,
        type: 'INVALID_TRANSITION',
        details: { from, to, allowed: allowedNextStatuses(from, 'api') },
      }));
    }
  });
});
