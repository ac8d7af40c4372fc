import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const DOCUMENT_KINDS = [
  'lease_pdf', 'signed_lease_pdf', 'rent_call_pdf', 'receipt_pdf',
  'amendment_pdf', 'signed_amendment_pdf', 'condition_report_pdf', 'signed_condition_report_pdf', 'deposit_settlement_pdf',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Signed documents are evidence: served only by the signature routes (signatures:*, SPEC section 3),
 * never by the generic documents routes (leases:*).
 */
export const SIGNED_KINDS: readonly DocumentKind[] = ['signed_lease_pdf', 'signed_amendment_pdf', 'signed_condition_report_pdf'];

/** A generated file of a lease, versioned per kind. The bytes are in the object storage. */
@Entity('documents')
export class LeaseDocument extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) @Column('text') kind: DocumentKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The amendment or condition report it belongs to' }) @Column({ type: 'uuid', nullable: true }) subject_id: string | null;
  @ApiProperty({ example: 1, description: 'Regenerating makes version n+1' }) @Column('integer') version: number;
  @ApiProperty({ example: 'application/pdf' }) @Column('text') media_type: string;
  @ApiProperty({ example: 48213, description: 'Bytes' }) @Column('bigint') size: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the bytes, hex' })
  @Column('text')
  sha256: string;
  @Column('text') storage_key: string;
  @Column({ type: 'timestamptz', nullable: true }) locked_at: Date | null;

  /** Serialised only (from locked_at). */
  @ApiProperty({ description: 'Used by a signature workflow: this version can no longer change' })
  readonly locked?: boolean;

  override toJSON(): Record<string, unknown> {
    const { storage_key: _internal, locked_at: lockedAt, ...visible } = super.toJSON();
    return { ...visible, locked: lockedAt !== null && lockedAt !== undefined };
  }
}
