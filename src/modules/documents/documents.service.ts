import { createHash } from 'node:crypto';
import { Injectable, StreamableFile } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import { Events } from '../../core/events/events.js';
import type { Page } from '../../core/pagination/page.js';
import type { ListLeaseDocumentsQueryDto } from './list-documents.dto.js';
import { ObjectStorage, storageKey } from '../../core/storage/object-storage.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { newId } from '../../database/ids.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import type { DocumentKind, LeaseDocument } from './document.entity.js';
import { DocumentsRepository } from './documents.repository.js';
import { renderLeaseContract } from './lease-contract.js';
import { stampSpecimen } from './specimen-watermark.js';

const PDF = 'application/pdf';
/** The downloaded file's name, per kind: bail-v3.pdf, quittance-v12.pdf, … */
const FILE_NAMES: Record<DocumentKind, string> = {
  lease_pdf: 'bail', signed_lease_pdf: 'bail-signe', rent_call_pdf: 'avis-echeance', receipt_pdf: 'quittance',
  amendment_pdf: 'avenant', signed_amendment_pdf: 'avenant-signe', condition_report_pdf: 'etat-des-lieux', signed_condition_report_pdf: 'etat-des-lieux-signe',
  deposit_settlement_pdf: 'restitution-depot-garantie',
};

@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly leases: LeasesRepository,
    private readonly storage: ObjectStorage,
    private readonly context: TenantContext,
    private readonly events: Events,
  ) {}

  /** Renders the lease contract as it stands now and stores it as the next version. */
  async generateLeasePdf(leaseId: string): Promise<LeaseDocument> {
    const lease = await this.leases.lockById(leaseId);
    return this.storeGenerated(leaseId, 'lease_pdf', await renderLeaseContract(await this.documents.contractData(lease)));
  }

  /** A PDF we rendered (contract, rent call, report, amendment, settlement): in the sandbox it has no legal effect, and says so on every page. */
  async storeGenerated(leaseId: string, kind: DocumentKind, rendered: Uint8Array, subjectId: string | null = null): Promise<LeaseDocument> {
    const bytes = (await this.context.isSandbox()) ? await stampSpecimen(rendered) : rendered;
    return this.store(leaseId, kind, bytes, subjectId);
  }

  /**
   * Stores bytes and their row together: the object is written first and deleted again if the
   * transaction that inserts its row rolls back, so a failure leaves neither.
   */
  async store(leaseId: string, kind: DocumentKind, bytes: Uint8Array, subjectId: string | null = null): Promise<LeaseDocument> {
    const version = await this.documents.nextVersion(leaseId, kind);
    const id = newId();
    const key = storageKey(this.context.tenantId, 'documents', id);
    await this.storage.put(key, bytes, PDF);
    this.context.afterRollback(() => this.storage.delete(key));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const document = await this.documents.insertWithId(id, { lease_id: leaseId, subject_id: subjectId, kind, version, media_type: PDF, size: bytes.length, sha256, storage_key: key, locked_at: null });
    await this.events.emit('document.generated', document);
    return document;
  }

  /** Every version of every kind, paged and sorted like every list. */
  async listForLease(leaseId: string, query: ListLeaseDocumentsQueryDto): Promise<Page<LeaseDocument>> {
    await this.leases.getById(leaseId);
    return this.documents.pageByLease(leaseId, query);
  }

  /** Unsigned documents only (leases:*): signed ones are served by the signature routes. */
  get(id: string): Promise<LeaseDocument> {
    return this.documents.getUnsigned(id);
  }

  async download(id: string): Promise<StreamableFile> {
    return this.stream(await this.documents.getUnsigned(id));
  }

  /** The stream is opened here; the transaction ends before any byte is sent. */
  async stream(document: LeaseDocument): Promise<StreamableFile> {
    const stream = await this.storage.get(document.storage_key);
    return new StreamableFile(stream, {
      type: document.media_type,
      length: Number(document.size),
      disposition: contentDisposition(`${FILE_NAMES[document.kind]}-v${document.version}.pdf`),
    });
  }

  /** Bytes of a document, for the signature workflow (small PDFs: read whole). */
  async bytesOf(document: LeaseDocument): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.storage.get(document.storage_key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
