import { RuleViolationError } from '../../core/errors/domain-errors.js';
import type { Lease } from '../leases/lease.entity.js';

/** Leases governed by loi n° 89-462 (housing): its rent rules apply to these only. */
export const LOI_89_LEASE_TYPES: readonly Lease['lease_type'][] = ['unfurnished', 'furnished', 'student'];

/** Leases whose rent is collected: signed and running. */
export const RUNNING_STATUSES: readonly Lease['status'][] = ['ACTIVE', 'NOTICE'];

export function assertRunning(lease: Lease, doing: string): void {
  if (!RUNNING_STATUSES.includes(lease.status)) {
    throw new RuleViolationError(`Only an ACTIVE or NOTICE lease can ${doing}; this one is ${lease.status}`, { rule: 'lease_running', status: lease.status });
  }
}
