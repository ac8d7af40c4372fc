import { AMENDMENT_STATUSES, AMENDMENT_TRANSITIONS, allowedAmendmentMoves, assertAmendmentTransition } from './amendment-status.js';

describe('amendment status machine', () => {
  const pairs = AMENDMENT_STATUSES.flatMap((from) => AMENDMENT_STATUSES.map((to) => [from, to] as const));
  const moves = (mover: string) => pairs.filter(([from, to]) => AMENDMENT_TRANSITIONS[from][to] === mover).map(([from, to]) => `${from}→${to}`).sort();

  it('lets its routes cancel a draft or a signed amendment, and apply a signed one', () => {
    expect(moves('api')).toEqual(['DRAFT→CANCELLED', 'SIGNED→APPLIED', 'SIGNED→CANCELLED']);
  });

  it('leaves signing to the signature workflow: start, complete, or back to DRAFT', () => {
    expect(moves('signature')).toEqual(['DRAFT→PENDING_SIGNATURE', 'PENDING_SIGNATURE→DRAFT', 'PENDING_SIGNATURE→SIGNED']);
  });

  it.each(pairs)('%s → %s by its routes: allowed iff in the table, else 409 listing the options', (from, to) => {
    if (AMENDMENT_TRANSITIONS[from][to] === 'api') {
      expect(() => assertAmendmentTransition(from, to, 'api')).not.toThrow();
    } else {
      expect(() => assertAmendmentTransition(from, to, 'api')).toThrow(
        expect.objectContaining({ status: 409, type: 'CONFLICT', details: { status: from, to, allowed: allowedAmendmentMoves(from, 'api') } }),
      );
    }
  });
});
