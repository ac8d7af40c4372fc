import { ConflictError } from '../../core/errors/domain-errors.js';

export const AMENDMENT_STATUSES = ['DRAFT', 'PENDING_SIGNATURE', 'SIGNED', 'APPLIED', 'CANCELLED'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Who moves an amendment: its own routes, or the signature workflow. */
export type AmendmentMover = 'api' | 'signature';

/**
 * The amendment lifecycle, the only place it is written down: DRAFT → PENDING_SIGNATURE (signing
 * starts) → SIGNED (every signer signed) → APPLIED (the lease changes); a cancelled or expired
 * signature puts it back to DRAFT; a DRAFT or SIGNED amendment may be cancelled (a signed one the
 * parties agree to drop before it is applied). APPLIED and CANCELLED are final.
 */
export const AMENDMENT_TRANSITIONS: Readonly<Record<AmendmentStatus, Readonly<Partial<Record<AmendmentStatus, AmendmentMover>>>>> = {
  DRAFT: { PENDING_SIGNATURE: 'signature', CANCELLED: 'api' },
  PENDING_SIGNATURE: { SIGNED: 'signature', DRAFT: 'signature' },
  SIGNED: { APPLIED: 'api', CANCELLED: 'api' },
  APPLIED: {},
  CANCELLED: {},
};

/** Only a draft's content (type, date, description, changes) can be edited. */
export const EDITABLE_AMENDMENT_STATUSES: readonly AmendmentStatus[] = ['DRAFT'];

export function allowedAmendmentMoves(from: AmendmentStatus, mover: AmendmentMover): AmendmentStatus[] {
  return (Object.entries(AMENDMENT_TRANSITIONS[from]) as [AmendmentStatus, AmendmentMover][]).filter(([, by]) => by === mover).map(([to]) => to);
}

/** 409 CONFLICT naming the status and what it allows: the amendment is not in a state for that now. */
export function assertAmendmentTransition(from: AmendmentStatus, to: AmendmentStatus, mover: AmendmentMover): void {
  if (AMENDMENT_TRANSITIONS[from][to] !== mover) {
    throw new ConflictError(`A ${from} amendment cannot become ${to}`, { status: from, to, allowed: allowedAmendmentMoves(from, mover) });
  }
}
