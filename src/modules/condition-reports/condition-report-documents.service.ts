import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../core/errors/domain-errors.js';
import type { LeaseDocument } from '../documents/document.entity.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { personName } from '../documents/lease-contract-text.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { renderConditionReport } from './condition-report-pdf.js';
import { ConditionReportsRepository } from './condition-reports.repository.js';

const address = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

/**
 * The report's PDF, in French: rendered from the report and the lease's parties and unit as they
 * stand, stamped as a specimen in the sandbox, stored as a document of the lease (versioned),
 * and named on the report as the one to sign.
 */
@Injectable()
export class ConditionReportDocuments {
  constructor(
    private readonly reports: ConditionReportsRepository,
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly files: DocumentsService,
  ) {}

  /** Lease first, then report: versions are numbered under the lease's lock (DocumentsService.store). */
  async generate(leaseId: string, reportId: string): Promise<LeaseDocument> {
    const lease = await this.leases.lockById(leaseId);
    const report = await this.reports.lockInLease(leaseId, reportId);
    if (report.status !== 'DRAFT') {
      throw new ConflictError(`The condition report is ${report.status}: its PDF is the one under signature or signed`, { status: report.status, document_id: report.document_id });
    }
    const { estate, place, owner, parties } = await this.documents.contractData(lease);
    const { rooms } = await this.reports.unitInventory(estate.id);
    const entry = report.kind === 'exit' ? await this.reports.findOfKind(leaseId, 'entry') : null;
    const bytes = await renderConditionReport({
      kind: report.kind,
      performedOn: report.performed_on,
      entryPerformedOn: entry?.performed_on ?? null,
      landlord: { name: personName(owner), address: address([owner.street_name, owner.postal_code, owner.city]) },
      tenants: parties.filter((party) => party.role === 'tenant').map((party) => personName(party.lessee)),
      property: { address: address([place.street_number, place.street_name, place.address_complement, place.postal_code, place.city]) ?? place.name, unit: estate.name, city: place.city },
      rooms,
      items: report.items,
      meters: report.meters,
      keys: report.keys,
      forwardingAddress: report.forwarding_address,
      notes: report.notes,
    });
    const document = await this.files.storeGenerated(lease.id, 'condition_report_pdf', bytes, report.id);
    await this.reports.update(report.id, { document_id: document.id });
    return document;
  }
}
