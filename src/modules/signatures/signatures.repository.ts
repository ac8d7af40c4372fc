import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { newId } from '../../database/ids.js';
import { eventHash, GENESIS_HASH } from './proof/proof-chain.js';
import type { SignatureSubject } from './signable.js';
import { Signature, SignatureEvent, SignatureSigner } from './signature.entities.js';

/** Signatures, plus the rows that hang off them (signers, events); every query names the tenant. */
@Injectable()
export class SignaturesRepository extends TenantRepository<Signature> {
  protected readonly entity = Signature;
  protected readonly alias = 'signature';
  protected readonly resource = 'Signature';

  private get tenant_id(): string {
    return this.context.tenantId;
  }

  private get manager() {
    return this.context.manager;
  }

  /** The document's most recent workflow, locked: every action on it runs one at a time. */
  async latestFor(subject: SignatureSubject, lock = true): Promise<Signature | null> {
    const query = this.scoped()
      .andWhere('signature.subject_kind = :kind AND signature.subject_id = :subjectId AND signature.lease_id = :leaseId', { kind: subject.kind, subjectId: subject.subjectId, leaseId: subject.leaseId })
      .orderBy('signature.created_at', 'DESC')
      .addOrderBy('signature.id', 'DESC')
      .limit(1);
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  async requireLatest(subject: SignatureSubject, lock = true): Promise<Signature> {
    const signature = await this.latestFor(subject, lock);
    if (!signature) throw new NotFoundError('Signature');
    return signature;
  }

  signers(signatureId: string): Promise<SignatureSigner[]> {
    return this.manager.getRepository(SignatureSigner).find({ where: { tenant_id: this.tenant_id, signature_id: signatureId }, order: { position: 'ASC' } });
  }

  events(signatureId: string): Promise<SignatureEvent[]> {
    return this.manager.getRepository(SignatureEvent).find({ where: { tenant_id: this.tenant_id, signature_id: signatureId }, order: { sequence: 'ASC' } });
  }

  /** With the id chosen beforehand (the credit debit names it). */
  insertSignature({ id, ...values }: Omit<Signature, 'tenant_id' | 'created_at' | 'updated_at' | 'toJSON'>): Promise<Signature> {
    return this.insertWithId(id, values);
  }

  async insertSigners(signatureId: string, signers: Pick<SignatureSigner, 'type' | 'name' | 'email' | 'phone'>[]): Promise<void> {
    const repository = this.manager.getRepository(SignatureSigner);
    await repository.insert(
      signers.map((signer, index) =>
        repository.create({ ...signer, tenant_id: this.tenant_id, id: newId(), signature_id: signatureId, position: index + 1, status: 'PENDING', otp_attempts: 0, otp_sends: 0, otp_hash: null, otp_expires_at: null, otp_sent_at: null, completed_at: null }),
      ),
    );
  }

  async updateSignature(id: string, patch: Partial<Pick<Signature, 'status' | 'completed_at' | 'ended_at' | 'signed_document_id'>>): Promise<void> {
    await this.manager.getRepository(Signature).update({ tenant_id: this.tenant_id, id }, patch);
  }

  async updateSigner(id: string, patch: Partial<Omit<SignatureSigner, 'tenant_id' | 'id' | 'toJSON'>>): Promise<void> {
    await this.manager.getRepository(SignatureSigner).update({ tenant_id: this.tenant_id, id }, patch);
  }

  /**
   * Appends to the audit trail, chained to the previous event. Callers hold the signature's row
   * lock, so sequence numbers and the chain cannot fork.
   */
  async appendEvent(signatureId: string, signerId: string | null, type: string, occurredAt: Date, details: Record<string, unknown>): Promise<void> {
    const [last] = await this.manager.query(
      `SELECT sequence, hash FROM signature_events WHERE tenant_id = $1 AND signature_id = $2 ORDER BY sequence DESC LIMIT 1`,
      [this.tenant_id, signatureId],
    );
    const sequence = last ? (last as { sequence: number }).sequence + 1 : 1;
    const previousHash = last ? (last as { hash: string }).hash : GENESIS_HASH;
    const event = { sequence, type, signer_id: signerId, occurred_at: occurredAt.toISOString(), details };
    await this.manager.query(
      `INSERT INTO signature_events (tenant_id, id, signature_id, signer_id, sequence, type, occurred_at, details, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [this.tenant_id, newId(), signatureId, signerId, sequence, type, occurredAt, JSON.stringify(details), previousHash, eventHash(signatureId, previousHash, event)],
    );
  }
}
