import { DomainError } from '../../core/errors/domain-errors.js';

export const SIGNATURE_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];
export const SIGNER_STATUSES = ['PENDING', 'OTP_SENT', 'COMPLETED', 'LOCKED'] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

/**
 * The workflow: PENDING → IN_PROGRESS (first code sent) → COMPLETED (last signer signed);
 * an open workflow can be CANCELLED or EXPIRE (default 14 days).
 */
export const SIGNATURE_TRANSITIONS: Readonly<Record<SignatureStatus, readonly SignatureStatus[]>> = {
  PENDING: ['IN_PROGRESS', 'CANCELLED', 'EXPIRED'],
  IN_PROGRESS: ['IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED'],
  COMPLETED: [],
  CANCELLED: [],
  EXPIRED: [],
};

/** A signer: PENDING → OTP_SENT (again on resend) → COMPLETED, or LOCKED after 3 wrong codes. */
export const SIGNER_TRANSITIONS: Readonly<Record<SignerStatus, readonly SignerStatus[]>> = {
  PENDING: ['OTP_SENT'],
  OTP_SENT: ['OTP_SENT', 'COMPLETED', 'LOCKED'],
  COMPLETED: [],
  LOCKED: [],
};

export const OPEN_SIGNATURE_STATUSES: readonly SignatureStatus[] = ['PENDING', 'IN_PROGRESS'];

export class SignatureTransitionError extends DomainError {
  constructor(subject: 'signature' | 'signer', from: string, to: string, allowed: readonly string[]) {
    super(422, 'INVALID_TRANSITION', `A ${from} ${subject} cannot become ${to}`, { from, to, allowed });
  }
}

export function assertSignatureTransition(from: SignatureStatus, to: SignatureStatus): void {
  if (!SIGNATURE_TRANSITIONS[from].includes(to)) throw new SignatureTransitionError('signature', from, to, SIGNATURE_TRANSITIONS[from]);
}

export function assertSignerTransition(from: SignerStatus, to: SignerStatus): void {
  if (!SIGNER_TRANSITIONS[from].includes(to)) throw new SignatureTransitionError('signer', from, to, SIGNER_TRANSITIONS[from]);
}
