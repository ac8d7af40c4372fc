import { Injectable, StreamableFile } from '@nestjs/common';
import { ConflictError } from '../../../core/errors/domain-errors.js';
import { DocumentsRepository } from '../../documents/documents.repository.js';
import { DocumentsService } from '../../documents/documents.service.js';
import { type SignatureSubject, Signables } from '../signable.js';
import { maskedContact } from '../signature.entities.js';
import { SignaturesRepository } from '../signatures.repository.js';
import { SigningKeys } from '../signing-keys.js';
import type { ChainedEvent, Proof } from './proof-chain.js';
import { sealProof } from './proof-seal.js';

/** The evidence of a workflow: its hash-chained events, per signer and in full, and the documents' hashes. */
@Injectable()
export class SignatureProofs {
  constructor(
    private readonly signatures: SignaturesRepository,
    private readonly signables: Signables,
    private readonly documents: DocumentsRepository,
    private readonly documentFiles: DocumentsService,
    private readonly keys: SigningKeys,
  ) {}

  async proof(subject: SignatureSubject): Promise<Proof> {
    await this.signables.of(subject.kind).lock(subject);
    const signature = await this.signatures.requireLatest(subject, false);
    // One connection runs one query at a time: these are sequential (pg 9 refuses overlapping ones).
    const signers = await this.signatures.signers(signature.id);
    const events = await this.signatures.events(signature.id);
    const signed = signature.signed_document_id ? await this.documents.getById(signature.signed_document_id) : null;
    const chain: ChainedEvent[] = events.map((event) => ({
      sequence: event.sequence,
      type: event.type,
      signer_id: event.signer_id,
      occurred_at: event.occurred_at.toISOString(),
      details: event.details,
      previous_hash: event.previous_hash,
      hash: event.hash,
    }));
    return {
      signature_id: signature.id,
      lease_id: signature.lease_id,
      subject: { kind: signature.subject_kind, id: signature.subject_id },
      status: signature.status,
      document: { id: signature.document_id, sha256: signature.document_sha256 },
      signed_document: signed ? { id: signed.id, sha256: signed.sha256 } : null,
      hash_algorithm: 'sha256',
      events: chain,
      seal: chain.length > 0 ? sealProof(this.keys.proofKey, { signatureId: signature.id, finalHash: chain[chain.length - 1].hash }) : null,
      signers: signers.map((signer) => ({
        id: signer.id,
        position: signer.position,
        type: signer.type,
        name: signer.name,
        contact: maskedContact(signer),
        status: signer.status,
        completed_at: signer.completed_at?.toISOString() ?? null,
        events: chain.filter((event) => event.signer_id === signer.id),
      })),
    };
  }

  async signedDocument(subject: SignatureSubject): Promise<StreamableFile> {
    await this.signables.of(subject.kind).lock(subject);
    const signature = await this.signatures.requireLatest(subject, false);
    if (!signature.signed_document_id) throw new ConflictError(`The signature is ${signature.status}: there is no signed document yet`, { status: signature.status });
    return this.documentFiles.stream(await this.documents.getById(signature.signed_document_id));
  }
}
