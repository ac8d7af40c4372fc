import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { Clock } from '../../core/time/clock.js';
import type { LeaseDocument } from '../documents/document.entity.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { TerminationService } from '../lease-end/termination/termination.service.js';
import { type SignableDocument, type SignatureSubject, Signables } from '../signatures/signable.js';
import { ConditionReportsRepository } from './condition-reports.repository.js';

/**
 * A condition report as a signable document: a DRAFT report and its current PDF (the one made
 * since its last edit); free (0 credits); signing moves it to PENDING_SIGNATURE, completion to
 * SIGNED, cancellation or expiry back to DRAFT.
 *
 * Lock order: `lock` only checks that the report is the lease's; its row is locked by the steps
 * that run after the workflow has locked the signature row (signature → report, as everywhere in
 * the workflow). Locking the report first would deadlock against the expiry sweep, which holds the
 * signature and then ends the report.
 */
@Injectable()
export class ConditionReportSignable implements SignableDocument, OnModuleInit {
  readonly kind = 'condition_report' as const;
  readonly label = 'Condition report';
  readonly credits = 0;
  readonly signedDocumentKind = 'signed_condition_report_pdf' as const;

  constructor(
    private readonly signables: Signables,
    private readonly reports: ConditionReportsRepository,
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly clock: Clock,
    private readonly termination: TerminationService,
  ) {}

  onModuleInit(): void {
    this.signables.register(this);
  }

  async lock(subject: SignatureSubject): Promise<void> {
    await this.leases.getById(subject.leaseId);
    await this.reports.getChildOf('lease_id', subject.leaseId, subject.subjectId);
  }

  async documentToSign(subject: SignatureSubject, documentId: string | undefined): Promise<LeaseDocument> {
    const report = await this.reports.lockInLease(subject.leaseId, subject.subjectId);
    if (report.status !== 'DRAFT') throw new ConflictError(`Only a DRAFT condition report can be signed; this one is ${report.status}`, { status: report.status });
    if (documentId !== undefined && documentId !== report.document_id) {
      const named = await this.documents.findById(documentId);
      if (!named || named.kind !== 'condition_report_pdf' || named.subject_id !== report.id) throw new NotFoundError('Document');
    }
    if (!report.document_id || (documentId !== undefined && documentId !== report.document_id)) {
      throw new RuleViolationError('Sign the PDF of the report as it stands: make one (POST …/pdf) after the last edit, and name it (`document_id` on the report)', {
        rule: 'current_pdf',
        document_id: report.document_id,
      });
    }
    return this.documents.getById(report.document_id);
  }

  async started(subject: SignatureSubject): Promise<void> {
    await this.reports.update(subject.subjectId, { status: 'PENDING_SIGNATURE' });
  }

  async completed(subject: SignatureSubject): Promise<void> {
    const report = await this.reports.lockInLease(subject.leaseId, subject.subjectId);
    await this.reports.update(subject.subjectId, { status: 'SIGNED', signed_at: this.clock.now() });
    // A signed exit report ticks exit_report_signed on the lease's termination checklist.
    if (report.kind === 'exit') await this.termination.refresh(subject.leaseId);
  }

  async ended(subject: SignatureSubject): Promise<void> {
    const report = await this.reports.lockInLease(subject.leaseId, subject.subjectId);
    if (report.status === 'PENDING_SIGNATURE') await this.reports.update(report.id, { status: 'DRAFT' });
  }
}
