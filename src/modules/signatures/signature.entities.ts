import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';
import { SIGNABLE_KINDS, type SignableKind } from './signable.js';
import { SIGNATURE_STATUSES, SIGNER_STATUSES, type SignatureStatus, type SignerStatus } from './signature-status.js';

/** Wrong codes a signer may enter, in all, whatever the number of codes sent. */
export const OTP_MAX_ATTEMPTS = 3;
/** Codes a signer may be sent: with the 60 s cooldown, no way around the attempt limit by resending. */
export const OTP_MAX_SENDS = 5;

export const SIGNER_TYPES = ['owner', 'tenant', 'guarantor', 'agent'] as const;
export type SignerType = (typeof SIGNER_TYPES)[number];

@Entity('signatures')
export class Signature extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: SIGNABLE_KINDS, description: 'What is signed: the lease, one of its amendments, or a condition report' }) @Column('text') subject_kind: SignableKind;
  @ApiProperty({ format: 'uuid', description: 'The lease\'s, amendment\'s or report\'s id' }) @Column('uuid') subject_id: string;
  @ApiProperty({ format: 'uuid', description: 'The lease PDF version being signed (locked)' }) @Column('uuid') document_id: string;
  @ApiProperty({ description: 'SHA-256 of that document' }) @Column('text') document_sha256: string;
  @ApiProperty({ enum: SIGNATURE_STATUSES }) @Column('text') status: SignatureStatus;
  @ApiProperty() @Column('timestamptz') expires_at: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completed_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When it was completed, cancelled or expired' }) @Column({ type: 'timestamptz', nullable: true }) ended_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @Column({ type: 'uuid', nullable: true }) signed_document_id: string | null;

  /** Attached for responses: the signers in signing order. */
  @ApiProperty({ type: () => [SignatureSigner] }) signers?: SignatureSigner[];
}

/** A person who must sign, in order. The OTP is only ever stored as an HMAC. */
@Entity('signature_signers')
export class SignatureSigner extends TenantScopedEntity {
  @Column('uuid') signature_id: string;
  @ApiProperty({ example: 1, description: 'Signing order: owner or agent first' }) @Column('integer') position: number;
  @ApiProperty({ enum: SIGNER_TYPES }) @Column('text') type: SignerType;
  @ApiProperty({ example: 'Claire Dubois' }) @Column('text') name: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @ApiProperty({ enum: SIGNER_STATUSES }) @Column('text') status: SignerStatus;
  @Column({ type: 'text', nullable: true }) otp_hash: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) otp_expires_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) otp_sent_at: Date | null;
  @Column('integer') otp_attempts: number;
  @Column('integer') otp_sends: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completed_at: Date | null;

  @ApiProperty({ example: 'c***@example.fr', description: 'Where codes go, masked' }) readonly contact?: string;
  @ApiProperty({ enum: ['email', 'sms'] }) readonly channel?: 'email' | 'sms';
  @ApiProperty({ example: 3, description: 'Wrong codes left before the signer is locked (counted across every code sent)' }) readonly attempts_remaining?: number;
  @ApiProperty({ example: 5, description: 'Codes that can still be sent to this signer' }) readonly codes_remaining?: number;
  /** Set by SigningLinks.issue for the initiation's response only: never stored, never shown again. */
  @ApiPropertyOptional({ example: 'https://app.faireplace.example/sign/3q2-7wEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', description: 'The signer\'s hosted signing page, when `signing_links` was asked for: in the initiation\'s response only (never again, not in an idempotent replay); the signer also receives it by email or SMS' })
  signing_url?: string;

  override toJSON(): Record<string, unknown> {
    const { otp_hash: _hash, otp_attempts: attempts, otp_sends: sends, email: _email, phone: _phone, signature_id: _signature, ...visible } = super.toJSON();
    return {
      ...visible,
      channel: channelOf(this),
      contact: maskedContact(this),
      attempts_remaining: Math.max(0, OTP_MAX_ATTEMPTS - (attempts as number)),
      codes_remaining: Math.max(0, OTP_MAX_SENDS - (sends as number)),
    };
  }
}

export function channelOf(signer: Pick<SignatureSigner, 'email'>): 'email' | 'sms' {
  return signer.email ? 'email' : 'sms';
}

/** c***@example.fr, +336******78: enough to recognise, not to contact. */
export function maskedContact(signer: Pick<SignatureSigner, 'email' | 'phone'>): string {
  if (signer.email) {
    const [local, domain] = signer.email.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  const digits = (signer.phone ?? '').replace(/[^\d+]/g, '');
  return `${digits.slice(0, 4)}${'*'.repeat(Math.max(0, digits.length - 6))}${digits.slice(-2)}`;
}

/** One line of the audit trail; `hash` chains it to the one before. */
@Entity('signature_events')
export class SignatureEvent extends TenantScopedEntity {
  @Column('uuid') signature_id: string;
  @Column({ type: 'uuid', nullable: true }) signer_id: string | null;
  @Column('integer') sequence: number;
  @Column('text') type: string;
  @Column('timestamptz') occurred_at: Date;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('text') previous_hash: string;
  @Column('text') hash: string;
}
