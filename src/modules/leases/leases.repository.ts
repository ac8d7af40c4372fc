import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { LEASE_SORTS, type ListLeasesQueryDto } from './dto/lease.dto.js';
import { RENTAL_STATUS_SQL } from './lease-status.js';
import { Lease } from './lease.entity.js';

@Injectable()
export class LeasesRepository extends TenantRepository<Lease> {
  protected readonly entity = Lease;
  protected readonly alias = 'lease';
  protected readonly resource = 'Lease';

  list(query: ListLeasesQueryDto): Promise<Page<Lease>> {
    const builder = this.whereEqual(this.scoped(), { status: query.status, estate_id: query.estate_id });
    if (query.start_date_from) builder.andWhere('lease.start_date >= :from', { from: query.start_date_from });
    if (query.start_date_to) builder.andWhere('lease.start_date <= :to', { to: query.start_date_to });
    if (query.lessee_id) {
      builder.andWhere(
        `EXISTS (SELECT 1 FROM lease_lessees party
                  WHERE party.tenant_id = lease.tenant_id AND party.lease_id = lease.id AND party.lessee_id = :lesseeId)`,
        { lesseeId: query.lessee_id },
      );
    }
    return paginate(builder, query, LEASE_SORTS);
  }

  /**
   * Locks the unit a lease change concerns. Every lease status change takes the unit's lock
   * first, then the lease's: changes on one unit run one after the other, in a fixed order (no
   * deadlock), and each sees the others' committed statuses when it recomputes the unit's.
   */
  async lockEstate(estateId: string): Promise<void> {
    await this.context.manager.query(`SELECT 1 FROM estates WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [this.context.tenantId, estateId]);
  }

  /** The unit's rental_status from all its leases, in the same transaction as the change. */
  async refreshRentalStatus(estateId: string): Promise<void> {
    await this.rawUpdate(
      'estates',
      estateId,
      `UPDATE estates
          SET rental_status = (SELECT ${RENTAL_STATUS_SQL} FROM leases WHERE tenant_id = $1 AND estate_id = $2)
        WHERE tenant_id = $1 AND id = $2
        RETURNING *`,
      [this.context.tenantId, estateId],
    );
  }

  /** The unit's energy label and place, and the last rent of its latest lease that ran (null: never let). */
  async unitRentHistory(estateId: string): Promise<{ energy_label: string | null; postal_code: string; last_rent: number | null } | undefined> {
    const [row] = await this.context.manager.query(
      `SELECT e.energy_label, p.postal_code,
              (SELECT coalesce((SELECT c.rent_amount FROM lease_rent_changes c WHERE c.tenant_id = l.tenant_id AND c.lease_id = l.id ORDER BY c.effective_date DESC LIMIT 1), l.rent_amount)
                 FROM leases l WHERE l.tenant_id = e.tenant_id AND l.estate_id = e.id AND l.status IN ('ACTIVE', 'NOTICE', 'TERMINATED')
                ORDER BY l.start_date DESC LIMIT 1) AS last_rent
         FROM estates e JOIN places p ON p.tenant_id = e.tenant_id AND p.id = e.place_id
        WHERE e.tenant_id = $1 AND e.id = $2`,
      [this.context.tenantId, estateId],
    );
    return row as { energy_label: string | null; postal_code: string; last_rent: number | null } | undefined;
  }

  async countActiveTenants(leaseId: string): Promise<number> {
    const [row] = await this.context.manager.query(
      `SELECT count(*)::int AS count FROM lease_lessees
        WHERE tenant_id = $1 AND lease_id = $2 AND role = 'tenant' AND end_date IS NULL`,
      [this.context.tenantId, leaseId],
    );
    return (row as { count: number }).count;
  }
}
