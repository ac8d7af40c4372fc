import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '../../../core/errors/domain-errors.js';
import { type Cents, toCents } from '../../../core/money/money.js';
import { isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import type { DocumentKind, LeaseDocument } from '../../documents/document.entity.js';
import { DocumentsRepository } from '../../documents/documents.repository.js';
import { DocumentsService } from '../../documents/documents.service.js';
import type { Lease } from '../../leases/lease.entity.js';
import type { RentCall } from '../calls/rent-call.entity.js';
import type { Receipt } from '../receipts/receipt.entity.js';
import { renderReceipt } from './receipt-pdf.js';
import { renderRentCall } from './rent-call-pdf.js';

const personName = (p: { title?: string | null; first_name?: string | null; last_name?: string | null; legal_name?: string | null }) =>
  p.legal_name ?? [p.title, p.first_name, p.last_name].filter(Boolean).join(' ');
const address = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

/** Who and where a lease's documents name: read once per document, in its transaction. */
export interface LeaseParties {
  landlord: { name: string; address: string | null; iban: string | null; bic: string | null };
  tenants: string[];
  property: { address: string; unit: string };
}

/**
 * The PDFs of the rent cycle (avis d'échéance, quittances and reçus): data from the lease, its
 * unit, place, owner and tenants, rendered in French, stamped as specimens in the sandbox, and
 * stored as documents of the lease (versioned, hashed, streamed on download).
 */
@Injectable()
export class RentDocuments {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly files: DocumentsService,
    private readonly clock: Clock,
  ) {}

  async rentCall(lease: Lease, call: Omit<RentCall, 'toJSON' | 'tenant_id' | 'created_at' | 'updated_at' | 'document_id'>, balanceBefore: Cents): Promise<LeaseDocument> {
    const parties = await this.partiesOf(lease);
    const bytes = await renderRentCall({
      issuedOn: isoDate(this.clock.now()),
      ...parties,
      leaseReference: lease.reference_number,
      period: { start: call.period_start, end: call.period_end },
      dueDate: call.due_date,
      lines: call.lines.map((line) => ({ ...line, amount: toCents(line.amount) })),
      rent: toCents(call.rent_amount),
      charges: toCents(call.charges_amount),
      total: toCents(call.total),
      balanceBefore,
      paymentReference: `${lease.reference_number ?? lease.id.slice(0, 8)}-${call.period_start.slice(0, 7)}`,
    });
    return this.store(lease, 'rent_call_pdf', bytes);
  }

  async receipt(lease: Lease, receipt: Omit<Receipt, 'toJSON' | 'tenant_id' | 'id' | 'created_at' | 'updated_at' | 'document_id' | 'cancelled_at'>, call: RentCall, remaining: Cents): Promise<LeaseDocument> {
    const parties = await this.partiesOf(lease);
    const bytes = await renderReceipt({
      kind: receipt.kind,
      number: receipt.number,
      issuedOn: isoDate(this.clock.now()),
      landlord: { name: parties.landlord.name, address: parties.landlord.address },
      tenants: parties.tenants,
      property: parties.property,
      period: { start: call.period_start, end: call.period_end },
      rent: toCents(receipt.rent_amount),
      charges: toCents(receipt.charges_amount),
      total: toCents(receipt.total),
      periodTotal: toCents(call.total),
      paidOn: receipt.paid_on,
      remaining,
    });
    return this.store(lease, 'receipt_pdf', bytes);
  }

  private store(lease: Lease, kind: DocumentKind, bytes: Uint8Array): Promise<LeaseDocument> {
    return this.files.storeGenerated(lease.id, kind, bytes);
  }

  /** The landlord, the current tenants and the dwelling, as every money document of the lease names them. */
  async partiesOf(lease: Lease): Promise<LeaseParties> {
    const { estate, place, owner, parties } = await this.documents.contractData(lease);
    if (!parties.some((party) => party.role === 'tenant')) {
      throw new RuleViolationError('The lease has no current tenant to address the document to', { rule: 'has_tenant' });
    }
    return {
      landlord: { name: personName(owner), address: address([owner.street_name, owner.postal_code, owner.city]), iban: owner.iban, bic: owner.bic },
      tenants: parties.filter((party) => party.role === 'tenant').map((party) => personName(party.lessee)),
      property: { address: address([place.street_number, place.street_name, place.address_complement, place.postal_code, place.city]) ?? place.name, unit: estate.name },
    };
  }
}
