import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { Estate } from '../estates/estate.entity.js';
import { LeaseCharge } from '../leases/charges/lease-charge.entity.js';
import type { Lease } from '../leases/lease.entity.js';
import { Lessee } from '../lessees/lessee.entity.js';
import { Owner } from '../owners/owner.entity.js';
import { Place } from '../places/place.entity.js';
import { type DocumentKind, LeaseDocument, SIGNED_KINDS } from './document.entity.js';
import type { LeaseContractData } from './lease-contract.js';
import { DOCUMENT_SORTS, type ListLeaseDocumentsQueryDto } from './list-documents.dto.js';

@Injectable()
export class DocumentsRepository extends TenantRepository<LeaseDocument> {
  protected readonly entity = LeaseDocument;
  protected readonly alias = 'document';
  protected readonly resource = 'Document';

  /** A page of the lease's documents the generic routes show: every version of every unsigned kind. */
  pageByLease(leaseId: string, query: ListLeaseDocumentsQueryDto): Promise<Page<LeaseDocument>> {
    return paginate(this.unsigned().andWhere('document.lease_id = :leaseId', { leaseId }), query, DOCUMENT_SORTS);
  }


  /** A document the generic routes may serve: a signed one answers like a missing one. */
  async getUnsigned(id: string): Promise<LeaseDocument> {
    const document = await this.unsigned().andWhere('document.id = :id', { id }).getOne();
    if (!document) throw new NotFoundError(this.resource);
    return document;
  }

  private unsigned() {
    return this.scoped().andWhere('document.kind NOT IN (:...signed)', { signed: SIGNED_KINDS });
  }

  /** The newest version of `kind` made for one amendment or report of the lease. */
  latestOfSubject(leaseId: string, kind: DocumentKind, subjectId: string): Promise<LeaseDocument | null> {
    return this.scoped()
      .andWhere('document.lease_id = :leaseId AND document.kind = :kind AND document.subject_id = :subjectId', { leaseId, kind, subjectId })
      .orderBy('document.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Call with the lease row locked: versions are numbered without gaps or duplicates. */
  async nextVersion(leaseId: string, kind: DocumentKind): Promise<number> {
    const [row] = await this.context.manager.query(
      `SELECT COALESCE(max(version), 0) + 1 AS next FROM documents WHERE tenant_id = $1 AND lease_id = $2 AND kind = $3`,
      [this.context.tenantId, leaseId, kind],
    );
    return Number((row as { next: number }).next);
  }

  /** Everything the contract shows, read in the request's transaction (one consistent snapshot). */
  async contractData(lease: Lease): Promise<LeaseContractData> {
    const manager = this.context.manager;
    const tenant_id = this.context.tenantId;
    const estate = await manager.findOneByOrFail(Estate, { tenant_id, id: lease.estate_id });
    // Sequential: the transaction's one connection runs one query at a time.
    const place = await manager.findOneByOrFail(Place, { tenant_id, id: estate.place_id });
    const owner = await manager.findOneByOrFail(Owner, { tenant_id, id: estate.owner_id });
    const partyRows: (Record<string, unknown> & { party_role: 'tenant' | 'guarantor' })[] = await manager.query(
      `SELECT party.role AS party_role, lessee.*
         FROM lease_lessees party
         JOIN lessees lessee ON lessee.tenant_id = party.tenant_id AND lessee.id = party.lessee_id
        WHERE party.tenant_id = $1 AND party.lease_id = $2 AND party.end_date IS NULL
        ORDER BY party.created_at, party.id`,
      [tenant_id, lease.id],
    );
    const parties = partyRows.map(({ party_role, ...lessee }) => ({ role: party_role, lessee: Object.assign(new Lessee(), lessee) }));
    const charges = await manager.find(LeaseCharge, { where: { tenant_id, lease_id: lease.id }, order: { created_at: 'ASC', id: 'ASC' } });
    return { lease, estate, place, owner, parties, charges };
  }

  async lock(id: string): Promise<void> {
    const locked = await this.rawUpdate('documents', id, `UPDATE documents SET locked_at = COALESCE(locked_at, now()) WHERE tenant_id = $1 AND id = $2 RETURNING *`, [this.context.tenantId, id]);
    if (!locked) throw new NotFoundError(this.resource);
  }
}
