import { Injectable } from '@nestjs/common';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { personName } from '../documents/lease-contract-text.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import type { Lease } from '../leases/lease.entity.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import type { SignableKind, SignatureSubject } from '../signatures/signable.js';

/** What the signer reads beside the PDF: facts, worded by the page in the signer's language. */
export interface DocumentSummary {
  kind: SignableKind;
  reference: string | null;
  address: string;
  unit: string;
  landlord: string;
  tenants: string[];
  guarantors: string[];
  lease: Pick<Lease, 'lease_type' | 'start_date' | 'end_date' | 'rent_amount' | 'charges_amount' | 'rent_frequency'>;
  amendment?: { type: string; effective_date: string; description: string | null };
  report?: { kind: 'entry' | 'exit'; performed_on: string };
}

/**
 * The summary of any signable document: the lease's parties, unit and rent as the lease PDF names
 * them (DocumentsRepository.contractData, the same read), plus the amendment's or report's own
 * facts. Runs in the signer's tenant transaction: every read names the tenant, under RLS.
 */
@Injectable()
export class DocumentSummaries {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly context: TenantContext,
  ) {}

  async of(subject: SignatureSubject): Promise<DocumentSummary> {
    const lease = await this.leases.getById(subject.leaseId);
    const { estate, place, owner, parties } = await this.documents.contractData(lease);
    const summary: DocumentSummary = {
      kind: subject.kind,
      reference: lease.reference_number,
      address: [place.street_number && `${place.street_number} ${place.street_name}`, !place.street_number && place.street_name, place.address_complement, `${place.postal_code} ${place.city}`].filter(Boolean).join(', '),
      unit: estate.name,
      landlord: personName(owner),
      tenants: parties.filter((party) => party.role === 'tenant').map((party) => personName(party.lessee)),
      guarantors: parties.filter((party) => party.role === 'guarantor').map((party) => personName(party.lessee)),
      lease: { lease_type: lease.lease_type, start_date: lease.start_date, end_date: lease.end_date, rent_amount: lease.rent_amount, charges_amount: lease.charges_amount, rent_frequency: lease.rent_frequency },
    };
    if (subject.kind === 'amendment') summary.amendment = await this.row('amendments', 'type, effective_date, description', subject);
    if (subject.kind === 'condition_report') summary.report = await this.row('condition_reports', 'kind, performed_on', subject);
    return summary;
  }

  /** The amendment's or report's own facts (the row the signature's subject names, under its lease). */
  private async row<T>(table: 'amendments' | 'condition_reports', columns: string, subject: SignatureSubject): Promise<T> {
    const [row] = (await this.context.manager.query(`SELECT ${columns} FROM ${table} WHERE tenant_id = $1 AND lease_id = $2 AND id = $3`, [
      this.context.tenantId, subject.leaseId, subject.subjectId,
    ])) as T[];
    return row;
  }
}
