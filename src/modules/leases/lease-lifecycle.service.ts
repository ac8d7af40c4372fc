import { Injectable } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { Events } from '../../core/events/events.js';
import { assertTransition, type LeaseActor, type LeaseStatus, WORKFLOW_STATUSES } from './lease-status.js';
import type { Lease } from './lease.entity.js';
import { LeasesRepository } from './leases.repository.js';

/** Statuses a lease may only reach with at least one (current) tenant among its parties. */
const NEEDS_A_TENANT: readonly LeaseStatus[] = ['PENDING_SIGNATURE', 'ACTIVE'];

/**
 * Applies the status machine (lease-status.ts) to stored leases: for `PUT /leases/{id}/status`
 * and for the signature workflow. The unit's rental_status follows in the same transaction, and
 * so does the `lease.status_changed` event: every status change goes through here.
 */
@Injectable()
export class LeaseLifecycle {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly events: Events,
  ) {}

  /**
   * Locks the lease's unit, then the lease (the order every status change takes: no deadlock),
   * for a workflow that reads the lease before it moves it.
   */
  async lock(id: string): Promise<Lease> {
    const { estate_id: estateId } = await this.leases.getById(id);
    await this.leases.lockEstate(estateId);
    const lease = await this.leases.lockById(id);
    if (lease.estate_id !== estateId) throw new ConflictError('The lease changed unit meanwhile; retry');
    return lease;
  }

  async changeStatus(id: string, to: LeaseStatus, actor: LeaseActor): Promise<Lease> {
    const lease = await this.lock(id);
    const estateId = lease.estate_id;
    const workflow = WORKFLOW_STATUSES[to];
    if (actor === 'api' && workflow) throw new ConflictError(`A lease becomes ${to} through ${workflow}`, { status: lease.status, workflow });
    assertTransition(lease.status, to, actor);
    if (NEEDS_A_TENANT.includes(to) && (await this.leases.countActiveTenants(id)) === 0) {
      throw new RuleViolationError(`A lease needs at least one tenant among its parties to become ${to}`, { rule: 'needs_tenant' });
    }
    const updated = await this.leases.update(id, { status: to });
    await this.leases.refreshRentalStatus(estateId);
    await this.events.emit('lease.status_changed', updated);
    return updated;
  }
}
