import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { Clock } from '../../core/time/clock.js';
import type { LeaseDocument } from '../documents/document.entity.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { type SignableDocument, type SignatureSubject, Signables } from '../signatures/signable.js';
import { AmendmentHistory } from './amendment-history.js';
import { assertAmendmentTransition } from './amendment-status.js';
import { AmendmentsRepository } from './amendments.repository.js';

/**
 * An amendment as a signable document: a DRAFT amendment of the lease and its latest PDF, made
 * after its last edit; 1 credit; signing moves it to PENDING_SIGNATURE, completion to SIGNED (it
 * is applied by its own route), cancellation or expiry back to DRAFT. Each move is in its history.
 */
@Injectable()
export class AmendmentSignable implements SignableDocument, OnModuleInit {
  readonly kind = 'amendment' as const;
  readonly label = 'Amendment';
  readonly credits = 1;
  readonly signedDocumentKind = 'signed_amendment_pdf' as const;

  constructor(
    private readonly signables: Signables,
    private readonly leases: LeasesRepository,
    private readonly amendments: AmendmentsRepository,
    private readonly documents: DocumentsRepository,
    private readonly history: AmendmentHistory,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.signables.register(this);
  }

  /** The amendment must be the lease's (404 like a missing one); its row stays locked for the action. */
  async lock(subject: SignatureSubject): Promise<void> {
    await this.leases.getById(subject.leaseId);
    await this.amendments.lockOfLease(subject.leaseId, subject.subjectId);
  }

  async documentToSign(subject: SignatureSubject, documentId: string | undefined): Promise<LeaseDocument> {
    const amendment = await this.amendments.getChildOf('lease_id', subject.leaseId, subject.subjectId);
    if (amendment.status !== 'DRAFT') throw new ConflictError(`Only a DRAFT amendment can be signed; this one is ${amendment.status}`, { status: amendment.status });
    const latest = await this.documents.latestOfSubject(subject.leaseId, 'amendment_pdf', amendment.id);
    if (!latest) throw new RuleViolationError('The amendment has no PDF to sign: make it first (POST …/pdf)', { rule: 'has_pdf' });
    if (documentId !== undefined && documentId !== latest.id) await this.refuseOther(subject, documentId, latest);
    // Edited after its PDF was made: signing would bind the parties to terms that are not the ones applied.
    if ((await this.history.lastOf(amendment.id, ['updated', 'pdf_generated'])) === 'updated') {
      throw new RuleViolationError('The amendment changed after its PDF was made: make it again (POST …/pdf)', { rule: 'pdf_outdated' });
    }
    return latest;
  }

  async started(subject: SignatureSubject): Promise<void> {
    await this.move(subject, 'PENDING_SIGNATURE', 'signature_started');
  }

  async completed(subject: SignatureSubject, signedDocument: LeaseDocument): Promise<void> {
    const amendment = await this.amendments.getChildOf('lease_id', subject.leaseId, subject.subjectId);
    assertAmendmentTransition(amendment.status, 'SIGNED', 'signature');
    const signed = await this.amendments.update(amendment.id, { status: 'SIGNED', signed_at: this.clock.now() });
    await this.history.record(amendment.id, 'signed', { status: amendment.status }, { status: signed.status, signed_at: signed.signed_at, signed_document_id: signedDocument.id });
  }

  async ended(subject: SignatureSubject): Promise<void> {
    await this.move(subject, 'DRAFT', 'signature_ended');
  }

  private async move(subject: SignatureSubject, to: 'PENDING_SIGNATURE' | 'DRAFT', action: 'signature_started' | 'signature_ended'): Promise<void> {
    const amendment = await this.amendments.getChildOf('lease_id', subject.leaseId, subject.subjectId);
    assertAmendmentTransition(amendment.status, to, 'signature');
    await this.amendments.update(amendment.id, { status: to });
    await this.history.record(amendment.id, action, { status: amendment.status }, { status: to });
  }

  /** Another version of this amendment's PDF: 422 naming the latest; anything else is not found. */
  private async refuseOther(subject: SignatureSubject, documentId: string, latest: LeaseDocument): Promise<never> {
    const named = await this.documents.findById(documentId);
    if (named && named.lease_id === subject.leaseId && named.kind === 'amendment_pdf' && named.subject_id === subject.subjectId) {
      throw new RuleViolationError(`Version ${named.version} is not the amendment's latest PDF (version ${latest.version})`, { rule: 'latest_pdf', document_id: latest.id });
    }
    throw new NotFoundError('Document');
  }
}
