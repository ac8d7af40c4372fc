import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { LeaseDocument } from '../documents/document.entity.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { LeaseLifecycle } from '../leases/lease-lifecycle.service.js';
import { InvalidTransitionError } from '../leases/lease-status.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { WearGrids } from '../leases/wear-grids.service.js';
import { type SignableDocument, type SignatureSubject, Signables } from './signable.js';

/**
 * The lease contract as a signable document: a DRAFT or ACTIVE lease and one of its lease PDFs;
 * 1 credit; signing moves a DRAFT lease to PENDING_SIGNATURE, completion to ACTIVE (with the
 * organisation's wear grid copied in, as the contract's), cancellation or expiry back to DRAFT.
 */
@Injectable()
export class LeaseSignable implements SignableDocument, OnModuleInit {
  readonly kind = 'lease' as const;
  readonly label = 'Lease';
  readonly credits = 1;
  readonly signedDocumentKind = 'signed_lease_pdf' as const;

  constructor(
    private readonly signables: Signables,
    private readonly leases: LeasesRepository,
    private readonly lifecycle: LeaseLifecycle,
    private readonly documents: DocumentsRepository,
    private readonly wearGrids: WearGrids,
  ) {}

  onModuleInit(): void {
    this.signables.register(this);
  }

  async lock(subject: SignatureSubject): Promise<void> {
    await this.leases.getById(subject.leaseId);
  }

  async documentToSign(subject: SignatureSubject, documentId: string | undefined): Promise<LeaseDocument> {
    if (!documentId) throw ValidationFailedError.field('document_id', 'document_id is required: the lease PDF version to sign');
    const lease = await this.leases.getById(subject.leaseId);
    if (lease.status !== 'DRAFT' && lease.status !== 'ACTIVE') {
      throw new ConflictError(`Only a DRAFT or ACTIVE lease can be signed; this one is ${lease.status}`, { status: lease.status });
    }
    const document = await this.documents.findById(documentId);
    if (!document || document.lease_id !== subject.leaseId || document.kind !== 'lease_pdf') throw new NotFoundError('Document');
    return document;
  }

  async started(subject: SignatureSubject): Promise<void> {
    const lease = await this.leases.getById(subject.leaseId);
    if (lease.status !== 'DRAFT') return;
    try {
      await this.lifecycle.changeStatus(lease.id, 'PENDING_SIGNATURE', 'signature');
    } catch (error) {
      // Lost a race with another initiation of the same lease.
      if (error instanceof InvalidTransitionError && error.details.from === 'PENDING_SIGNATURE') throw new ConflictError('The lease already has an open signature');
      throw error;
    }
  }

  async completed(subject: SignatureSubject): Promise<void> {
    const lease = await this.leases.getById(subject.leaseId);
    if (lease.status === 'PENDING_SIGNATURE') await this.lifecycle.changeStatus(lease.id, 'ACTIVE', 'signature');
    await this.wearGrids.snapshotInto(lease.id);
  }

  async ended(subject: SignatureSubject): Promise<void> {
    const lease = await this.leases.getById(subject.leaseId);
    if (lease.status === 'PENDING_SIGNATURE') await this.lifecycle.changeStatus(lease.id, 'DRAFT', 'signature');
  }
}
