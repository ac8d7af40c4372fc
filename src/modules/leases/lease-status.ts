import { ConflictError, DomainError } from '../../core/errors/domain-errors.js';

export const LEASE_STATUSES = ['DRAFT', 'PENDING_SIGNATURE', 'ACTIVE', 'NOTICE', 'TERMINATED', 'CANCELLED', 'ARCHIVED'] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];

/**
 * Who may move a lease: a caller through `PUT /leases/{id}/status` (or a notice), the signature
 * workflow, the termination workflow, or the archive route.
 */
export type LeaseActor = 'api' | 'signature' | 'termination' | 'archive';

/**
 * The lease lifecycle, the only place it is written down (SPEC section 6):
 * DRAFT → PENDING_SIGNATURE (a signature is initiated) → ACTIVE (it completes) → NOTICE → TERMINATED
 * → ARCHIVED; DRAFT → ACTIVE (signed outside the platform); ACTIVE → TERMINATED; DRAFT → CANCELLED.
 * A cancelled or expired signature puts a pending lease back to DRAFT. TERMINATED is reached only
 * through the termination workflow (or its force route), ARCHIVED only through the archive route.
 */
export const LEASE_TRANSITIONS: Readonly<Record<LeaseStatus, Readonly<Partial<Record<LeaseStatus, LeaseActor>>>>> = {
  DRAFT: { PENDING_SIGNATURE: 'signature', ACTIVE: 'api', CANCELLED: 'api' },
  PENDING_SIGNATURE: { ACTIVE: 'signature', DRAFT: 'signature' },
  ACTIVE: { NOTICE: 'api', TERMINATED: 'termination' },
  NOTICE: { TERMINATED: 'termination' },
  TERMINATED: { ARCHIVED: 'archive' },
  CANCELLED: {},
  ARCHIVED: {},
};

/** Statuses only a workflow reaches, and the route a caller must use instead of PUT /status (409). */
export const WORKFLOW_STATUSES: Partial<Record<LeaseStatus, string>> = {
  TERMINATED: 'the termination workflow: POST /api/leases/{id}/termination, then PUT …/termination/complete (or POST …/termination/force)',
  ARCHIVED: 'PUT /api/leases/{id}/archive',
};

/** Statuses in which the lease's content (dates, money, unit) can still change. */
export const EDITABLE_STATUSES: readonly LeaseStatus[] = ['DRAFT'];

export class InvalidTransitionError extends DomainError {
  constructor(from: LeaseStatus, to: LeaseStatus, allowed: LeaseStatus[]) {
    super(422, 'INVALID_TRANSITION', `A ${from} lease cannot become ${to}`, { from, to, allowed });
  }
}

/** 409 when the lease's status does not allow `action` (e.g. "take new parties"). */
export function assertStatus(lease: { status: LeaseStatus }, allowed: readonly LeaseStatus[], action: string): void {
  if (!allowed.includes(lease.status)) throw new ConflictError(`A ${lease.status} lease cannot ${action}`, { status: lease.status });
}

export function allowedNextStatuses(from: LeaseStatus, actor: LeaseActor): LeaseStatus[] {
  return (Object.entries(LEASE_TRANSITIONS[from]) as [LeaseStatus, LeaseActor][])
    .filter(([, by]) => by === actor)
    .map(([to]) => to);
}

export function assertTransition(from: LeaseStatus, to: LeaseStatus, actor: LeaseActor): void {
  if (LEASE_TRANSITIONS[from][to] !== actor) throw new InvalidTransitionError(from, to, allowedNextStatuses(from, actor));
}

/** The unit's rental status from its leases' statuses: any ACTIVE → RENTED, else any NOTICE → NOTICE. */
export const RENTAL_STATUS_SQL = `
  CASE
    WHEN bool_or(status = 'ACTIVE') THEN 'RENTED'
    WHEN bool_or(status = 'NOTICE') THEN 'NOTICE'
    ELSE 'VACANT'
  END`;
