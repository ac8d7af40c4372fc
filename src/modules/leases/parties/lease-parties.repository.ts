import { Injectable } from '@nestjs/common';
import type { Page } from '../../../core/pagination/page.js';
import { TenantRepository } from '../../../core/tenancy/tenant-repository.js';
import { LEASE_PARTY_SORTS, type ListLeasePartiesQueryDto } from './lease-parties.dto.js';
import { LeaseParty, type PartyRole } from './lease-party.entity.js';

@Injectable()
export class LeasePartiesRepository extends TenantRepository<LeaseParty> {
  protected readonly entity = LeaseParty;
  protected readonly alias = 'party';
  protected readonly resource = 'Lessee';

  /** A lease's parties (of one lessee, when given), oldest first. */
  listByLease(leaseId: string, lesseeId?: string): Promise<LeaseParty[]> {
    return this.whereEqual(this.scoped(), { lease_id: leaseId, lessee_id: lesseeId }).orderBy('party.created_at', 'ASC').addOrderBy('party.id', 'ASC').getMany();
  }

  /** A page of a lease's parties, oldest first by default. */
  pageByLease(leaseId: string, query: ListLeasePartiesQueryDto): Promise<Page<LeaseParty>> {
    return this.page(query, LEASE_PARTY_SORTS, { lease_id: leaseId }, 'created_at');
  }

  async exists(leaseId: string, lesseeId: string, role: PartyRole): Promise<boolean> {
    return (await this.whereEqual(this.scoped(), { lease_id: leaseId, lessee_id: lesseeId, role }).getCount()) > 0;
  }

  /** Removes every role of the lessee on the lease; how many there were. */
  async deleteForLessee(leaseId: string, lesseeId: string): Promise<number> {
    const [rows] = (await this.context.manager.query(`DELETE FROM lease_lessees WHERE tenant_id = $1 AND lease_id = $2 AND lessee_id = $3 RETURNING *`, [
      this.context.tenantId,
      leaseId,
      lesseeId,
    ])) as [Record<string, unknown>[], number];
    for (const row of rows) this.audit.deleted('lease_lessees', row);
    return rows.length;
  }
}
