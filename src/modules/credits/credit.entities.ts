import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

/** The shared catalogue: the same packages for every tenant (no tenant_id, read-only). */
@Entity('credit_packages')
export class CreditPackage {
  @ApiProperty({ example: 'credits_5' }) @PrimaryColumn('text') id: string;
  @ApiProperty({ example: 5 }) @Column('integer') credits: number;
  @ApiProperty({ example: 140, description: 'Euros, excluding VAT' }) @Column('numeric') price: number;
  @ApiProperty({ example: 'EUR' }) @Column('text') currency: string;
  @Column('boolean') active: boolean;
  @Column('integer') position: number;

  toJSON(): Record<string, unknown> {
    return { id: this.id, credits: this.credits, price: this.price, currency: this.currency };
  }
}

export const CREDIT_TRANSACTION_TYPES = ['purchase', 'consumption', 'refund', 'adjustment'] as const;
export type CreditTransactionType = (typeof CREDIT_TRANSACTION_TYPES)[number];

/** One change of balance; rows are never updated or deleted (the API role can only insert). */
@Entity('credit_transactions')
export class CreditTransaction extends TenantScopedEntity {
  @ApiProperty({ enum: CREDIT_TRANSACTION_TYPES }) @Column('text') type: CreditTransactionType;
  @ApiProperty({ example: -1, description: 'Positive adds credits, negative spends them' }) @Column('integer') amount: number;
  @ApiProperty({ example: 4 }) @Column('integer') balance_after: number;
  @ApiProperty({ example: 'signature:0195f3c2-…', description: 'What caused it: payment:<id>, signature:<id>' }) @Column('text') reference: string;
}
