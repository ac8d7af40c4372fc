import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const RECEIPT_KINDS = ['quittance', 'recu'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/**
 * A quittance (the period is paid in full) or a reçu (a partial payment), art. 21 loi n° 89-462:
 * free of charge, rent and charges apart, numbered per tenant and year without gaps.
 */
@Entity('receipts')
export class Receipt extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: RECEIPT_KINDS }) @Column('text') kind: ReceiptKind;
  @ApiProperty({ example: 'Q-2027-000123' }) @Column('text') number: string;
  @Column('integer') year: number;
  @Column('integer') sequence: number;
  @ApiProperty({ format: 'uuid', description: 'The period (rent call) it is for' }) @Column('uuid') call_id: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'For a reçu: the payment it acknowledges' }) @Column({ type: 'uuid', nullable: true }) payment_id: string | null;
  @ApiProperty({ example: 850.5, description: 'Rent received for the period' }) @Column('numeric') rent_amount: number;
  @ApiProperty({ example: 60, description: 'Charges received for the period' }) @Column('numeric') charges_amount: number;
  @ApiProperty({ example: 910.5 }) @Column('numeric') total: number;
  @ApiProperty({ format: 'date' }) @Column('date') paid_on: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) document_id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A quittance whose payment was reversed afterwards' }) @Column({ type: 'timestamptz', nullable: true }) cancelled_at: Date | null;

  override toJSON(): Record<string, unknown> {
    const { year: _year, sequence: _sequence, ...visible } = super.toJSON();
    return visible;
  }
}
