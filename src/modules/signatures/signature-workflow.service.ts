import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ConflictError } from '../../core/errors/domain-errors.js';
import { Events } from '../../core/events/events.js';
import { AfterCommit } from '../../core/tenancy/after-commit.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { Clock } from '../../core/time/clock.js';
import { newId } from '../../database/ids.js';
import { CreditLedger } from '../credits/credit-ledger.service.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { pageCount, stampSpecimen } from '../documents/specimen-watermark.js';
import type { ClientInfo, InitiateSignatureDto } from './dto/signature.dto.js';
import { sha256Hex } from './proof/proof-chain.js';
import { sealPdf } from './sealing/pdf-sealer.js';
import { type SignatureSubject, Signables } from './signable.js';
import { appendSignatureCertificate } from './signature-certificate.js';
import { assertSignatureTransition, OPEN_SIGNATURE_STATUSES, type SignatureStatus } from './signature-status.js';
import { maskedContact, type Signature, type SignerType } from './signature.entities.js';
import { SignaturesRepository } from './signatures.repository.js';
import { SigningKeys } from './signing-keys.js';
import { SigningLinks } from './signing-links/signing-links.service.js';
import { plusDays } from '../../core/time/instants.js';

/** Owner or agent sign first; then tenants, then guarantors (stable within a type). */
const SIGNING_ORDER: Record<SignerType, number> = { owner: 0, agent: 0, tenant: 1, guarantor: 2 };

export { AfterCommit };

/**
 * The one signature workflow, for any signable document of a lease (the lease, an amendment, a
 * condition report: see signable.ts): initiation (its credits, same transaction), cancellation and
 * expiry (refund; the document's own state back), completion (signed PDF with certificate,
 * sealed; the document's own effect). Lock order everywhere: signature row → the document's
 * rows (unit → lease) → credit account: no deadlock between flows.
 */
@Injectable()
export class SignatureWorkflow {
  constructor(
    private readonly signatures: SignaturesRepository,
    private readonly signables: Signables,
    private readonly documents: DocumentsRepository,
    private readonly documentFiles: DocumentsService,
    private readonly ledger: CreditLedger,
    private readonly context: TenantContext,
    private readonly transactions: TenantTransactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    private readonly events: Events,
    private readonly signingLinks: SigningLinks,
  ) {}

  /** Runs a signature action in its own transaction; an AfterCommit result is thrown once committed. */
  async run<T>(work: () => Promise<T | AfterCommit>): Promise<T> {
    const outcome = await this.transactions.run(this.context.principal!.tenantId, work);
    if (outcome instanceof AfterCommit) throw outcome.error;
    return outcome;
  }

  async initiate(subject: SignatureSubject, input: InitiateSignatureDto, client: ClientInfo): Promise<Signature> {
    const signable = this.signables.of(subject.kind);
    await signable.lock(subject);
    const previous = await this.signatures.latestFor(subject);
    if (previous) await this.expireIfDue(previous);
    if (previous && OPEN_SIGNATURE_STATUSES.includes(previous.status)) throw new ConflictError(`The ${signable.label.toLowerCase()} already has an open signature`);
    const document = await signable.documentToSign(subject, input.document_id);
    await signable.started(subject);
    const id = newId();
    if (signable.credits > 0) await this.ledger.debit(signable.credits, 'consumption', `signature:${id}`);
    await this.documents.lock(document.id);
    const now = this.clock.now();
    await this.signatures.insertSignature({
      id, lease_id: subject.leaseId, subject_kind: subject.kind, subject_id: subject.subjectId, document_id: document.id, document_sha256: document.sha256, status: 'PENDING',
      expires_at: plusDays(now, this.config.SIGNATURE_TTL_DAYS), completed_at: null, ended_at: null, signed_document_id: null,
    });
    const ordered = input.signers
      .map((signer, index) => ({ signer, index }))
      .sort((a, b) => SIGNING_ORDER[a.signer.type] - SIGNING_ORDER[b.signer.type] || a.index - b.index)
      .map(({ signer }) => ({ type: signer.type, name: signer.name, email: signer.email ?? null, phone: signer.phone ?? null }));
    await this.signatures.insertSigners(id, ordered);
    await this.signatures.appendEvent(id, null, 'initiated', now, {
      subject: { kind: subject.kind, id: subject.subjectId }, document_id: document.id, document_sha256: document.sha256,
      signers: ordered.map((signer) => ({ type: signer.type, name: signer.name, contact: maskedContact(signer) })),
      ...(this.context.sandbox ? { environment: 'sandbox' } : {}), ...client,
    });
    const signature = await this.view(id);
    if (input.signing_links) await this.signingLinks.issue(signature);
    return signature;
  }

  /** The document's latest workflow, expired first if its time is up. */
  async current(subject: SignatureSubject): Promise<Signature> {
    await this.signables.of(subject.kind).lock(subject);
    const signature = await this.signatures.requireLatest(subject);
    await this.expireIfDue(signature);
    return this.view(signature.id);
  }

  async cancel(subject: SignatureSubject, client: ClientInfo): Promise<Signature | AfterCommit> {
    await this.signables.of(subject.kind).lock(subject);
    const signature = await this.signatures.requireLatest(subject);
    if (await this.expireIfDue(signature)) return new AfterCommit(new ConflictError('The signature has expired'));
    assertSignatureTransition(signature.status, 'CANCELLED');
    await this.end(signature, 'CANCELLED', 'cancelled', client);
    return this.view(signature.id);
  }

  /** Applied lazily on every read or action, and by the periodic sweep. */
  async expireIfDue(signature: Signature): Promise<boolean> {
    if (!OPEN_SIGNATURE_STATUSES.includes(signature.status) || signature.expires_at > this.clock.now()) return false;
    await this.end(signature, 'EXPIRED', 'expired', {});
    signature.status = 'EXPIRED';
    return true;
  }

  /** Last signer done: signed PDF (original + certificate, sealed PAdES by the platform), proof closed, the document's effect. */
  async complete(signature: Signature): Promise<void> {
    const now = this.clock.now();
    const signers = await this.signatures.signers(signature.id);
    const original = await this.documentFiles.bytesOf(await this.documents.getById(signature.document_id));
    const withCertificate = await appendSignatureCertificate(original, {
      signatureId: signature.id,
      documentSha256: signature.document_sha256,
      completedAt: now,
      signers: signers.map((signer) => ({ position: signer.position, type: signer.type, name: signer.name, contact: maskedContact(signer), completedAt: signer.completed_at ?? now })),
    });
    // The sandbox certificate page is a specimen too (the document's pages are stamped already).
    const finished = this.context.sandbox ? await stampSpecimen(withCertificate, { fromPage: await pageCount(original) }) : withCertificate;
    // Sealed last: any later change would break the PAdES signature, and the proof hashes these bytes.
    const signedBytes = await sealPdf(finished, this.keys.sealing, {
      reason: `Signature électronique ${signature.id}`, name: 'FairePlace', location: 'France', contactInfo: 'https://faireplace.example', signingTime: now,
    });
    const subject = subjectOf(signature);
    const signable = this.signables.of(subject.kind);
    const signed = await this.documentFiles.store(signature.lease_id, signable.signedDocumentKind, signedBytes, subject.kind === 'lease' ? null : subject.subjectId);
    await this.documents.lock(signed.id);
    await signable.completed(subject, signed);
    assertSignatureTransition(signature.status, 'COMPLETED');
    await this.signatures.updateSignature(signature.id, { status: 'COMPLETED', completed_at: now, ended_at: now, signed_document_id: signed.id });
    await this.signatures.appendEvent(signature.id, null, 'completed', now, { signed_document_id: signed.id, signed_document_sha256: sha256Hex(signedBytes) });
    await this.events.emit('signature.completed', await this.view(signature.id));
  }

  private async end(signature: Signature, status: Extract<SignatureStatus, 'CANCELLED' | 'EXPIRED'>, event: string, client: Partial<ClientInfo>): Promise<void> {
    const now = this.clock.now();
    const subject = subjectOf(signature);
    const signable = this.signables.of(subject.kind);
    await signable.ended(subject);
    if (signable.credits > 0) await this.ledger.credit(signable.credits, 'refund', `signature:${signature.id}`);
    await this.signatures.updateSignature(signature.id, { status, ended_at: now });
    await this.signatures.appendEvent(signature.id, null, event, now, { ...client });
    if (status === 'EXPIRED') await this.events.emit('signature.expired', await this.view(signature.id));
  }

  async view(id: string): Promise<Signature> {
    const signature = await this.signatures.getById(id);
    signature.signers = await this.signatures.signers(id);
    return signature;
  }
}

export const subjectOf = (signature: Pick<Signature, 'subject_kind' | 'lease_id' | 'subject_id'>): SignatureSubject => ({
  kind: signature.subject_kind,
  leaseId: signature.lease_id,
  subjectId: signature.subject_id,
});
