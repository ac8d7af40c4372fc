import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const PAYMENT_METHODS = ['transfer', 'cheque', 'cash', 'direct_debit', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Every entry's method: a caller's methods, and the deposit (arrears held back from it at the end of the lease, art. 22). */
export const LEDGER_METHODS = [...PAYMENT_METHODS, 'deposit'] as const;
export type LedgerMethod = (typeof LEDGER_METHODS)[number];

/** Money received for a lease, or the reversal of such an entry (a bounced cheque, a mistake). */
@Entity('rent_payments')
export class RentPayment extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ example: 910.5, description: 'Euros; negative for a reversal' }) @Column('numeric') amount: number;
  @ApiProperty({ format: 'date', example: '2027-03-04' }) @Column('date') received_on: string;
  @ApiProperty({ enum: LEDGER_METHODS }) @Column('text') method: LedgerMethod;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'VIR LOYER MARS' }) @Column({ type: 'text', nullable: true }) reference: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The payment this entry reverses' }) @Column({ type: 'uuid', nullable: true }) reverses_id: string | null;
}
