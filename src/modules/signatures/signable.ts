import { Injectable } from '@nestjs/common';
import type { DocumentKind, LeaseDocument } from '../documents/document.entity.js';

export const SIGNABLE_KINDS = ['lease', 'amendment', 'condition_report'] as const;
export type SignableKind = (typeof SIGNABLE_KINDS)[number];

/** What a signature is about: a document of a lease (the lease itself, an amendment, a report). */
export interface SignatureSubject {
  kind: SignableKind;
  leaseId: string;
  /** The lease's own id for a lease; the amendment's or report's id otherwise. */
  subjectId: string;
}

/**
 * A kind of signable document: the one signature workflow asks it what to sign and tells it what
 * happened (SPEC section 6: routes per document kind, one open signature per document, credits
 * 1 / 1 / 0, completion effect by kind). Each owning module registers its own.
 */
export interface SignableDocument {
  readonly kind: SignableKind;
  /** "Lease", "Amendment", "Condition report": in errors. */
  readonly label: string;
  /** Credits debited when signing starts, refunded if it is cancelled or expires. */
  readonly credits: number;
  readonly signedDocumentKind: DocumentKind;
  /** Locks the subject for the action; 404 when it is not the lease's (or does not exist). */
  lock(subject: SignatureSubject): Promise<void>;
  /** Checks the subject may be signed now and returns the document version to sign. */
  documentToSign(subject: SignatureSubject, documentId: string | undefined): Promise<LeaseDocument>;
  /** Signing started (after the checks, in the same transaction). */
  started(subject: SignatureSubject): Promise<void>;
  /** Every signer signed: the signed PDF is stored. */
  completed(subject: SignatureSubject, signedDocument: LeaseDocument): Promise<void>;
  /** The workflow was cancelled or expired. */
  ended(subject: SignatureSubject): Promise<void>;
}

/** The registry of signable kinds, filled by their modules at start-up. */
@Injectable()
export class Signables {
  private readonly kinds = new Map<SignableKind, SignableDocument>();

  register(document: SignableDocument): void {
    this.kinds.set(document.kind, document);
  }

  of(kind: SignableKind): SignableDocument {
    const document = this.kinds.get(kind);
    if (!document) throw new Error(`No signable document registered for ${kind}`);
    return document;
  }
}
