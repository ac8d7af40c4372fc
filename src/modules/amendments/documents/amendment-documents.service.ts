import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../../core/errors/domain-errors.js';
import { toCents } from '../../../core/money/money.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import type { LeaseDocument } from '../../documents/document.entity.js';
import { DocumentsRepository } from '../../documents/documents.repository.js';
import { DocumentsService } from '../../documents/documents.service.js';
import { personName } from '../../documents/lease-contract-text.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { Lessee } from '../../lessees/lessee.entity.js';
import { LeaseRentService } from '../../rent/lease-rent/lease-rent.service.js';
import { changesOf } from '../amendment-changes.js';
import { AmendmentEffects } from '../amendment-effects.js';
import { AmendmentHistory } from '../amendment-history.js';
import type { Amendment } from '../amendment.entity.js';
import { AmendmentsRepository } from '../amendments.repository.js';
import { type AmendmentChange, renderAmendment } from './amendment-pdf.js';

const address = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

/**
 * The amendment's PDF: the lease's parties, place and terms as they stand, the change, rendered
 * in French, a specimen in the sandbox, stored as a document of the lease that names the
 * amendment (`subject_id`), versioned like every lease document. Signing takes the latest.
 */
@Injectable()
export class AmendmentDocuments {
  constructor(
    private readonly amendments: AmendmentsRepository,
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly files: DocumentsService,
    private readonly rents: LeaseRentService,
    private readonly effects: AmendmentEffects,
    private readonly history: AmendmentHistory,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async generate(leaseId: string, amendmentId: string): Promise<LeaseDocument> {
    // The lease's lock first: document versions are numbered under it.
    const lease = await this.leases.lockById(leaseId);
    const amendment = await this.amendments.lockOfLease(leaseId, amendmentId);
    if (amendment.status !== 'DRAFT') throw new ConflictError(`The PDF is made while the amendment is a DRAFT; this one is ${amendment.status}`, { status: amendment.status });
    // What would be signed must still fit the lease (and the lessees it names must still exist).
    await this.effects.check(lease, amendment);
    const { owner, place, estate, parties } = await this.documents.contractData(lease);
    const rendered = await renderAmendment({
      issuedOn: isoDate(this.clock.now()),
      landlord: { name: personName(owner), address: address([owner.street_name, owner.postal_code, owner.city]) },
      tenants: parties.filter((party) => party.role === 'tenant').map((party) => personName(party.lessee)),
      property: { address: address([place.street_number, place.street_name, place.address_complement, place.postal_code, place.city]) ?? place.name, unit: estate.name },
      lease: { reference: lease.reference_number, startDate: lease.start_date },
      effectiveDate: amendment.effective_date,
      change: await this.change(lease, amendment),
      description: amendment.description,
    });
    const document = await this.files.storeGenerated(leaseId, 'amendment_pdf', rendered, amendmentId);
    await this.history.record(amendmentId, 'pdf_generated', null, { document_id: document.id, version: document.version, sha256: document.sha256 });
    return document;
  }

  /** The change with what it replaces, read from the lease as it stands. */
  private async change(lease: Lease, amendment: Amendment): Promise<AmendmentChange> {
    switch (amendment.type) {
      case 'duration_change':
      case 'renewal':
        return { type: amendment.type, endDate: changesOf(amendment, 'duration_change', 'renewal').end_date, previousEndDate: lease.end_date };
      case 'rent_change': {
        const changes = changesOf(amendment, 'rent_change');
        const before = this.rents.inForceOn(await this.rents.rents(lease), amendment.effective_date);
        const provision = changes.charges_amount === undefined ? before.provision : toCents(changes.charges_amount);
        return { type: 'rent_change', frequency: lease.rent_frequency, rent: toCents(changes.rent_amount), provision, previousRent: before.rent, previousProvision: before.provision };
      }
      case 'co_tenant_added': {
        const changes = changesOf(amendment, 'co_tenant_added');
        return { type: 'co_tenant_added', name: await this.lesseeName(changes.lessee_id), role: changes.role };
      }
      case 'co_tenant_removed': {
        const changes = changesOf(amendment, 'co_tenant_removed');
        return { type: 'co_tenant_removed', name: await this.lesseeName(changes.lessee_id), noticeDate: changes.notice_date };
      }
      case 'other':
        return { type: 'other' };
    }
  }

  private async lesseeName(id: string): Promise<string> {
    return personName(await this.context.manager.findOneByOrFail(Lessee, { tenant_id: this.context.tenantId, id }));
  }
}
