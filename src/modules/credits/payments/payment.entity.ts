import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

@Entity('payments')
export class Payment extends TenantScopedEntity {
  @ApiProperty({ example: 'credits_5' }) @Column('text') package_id: string;
  @ApiProperty({ enum: ['stripe', 'manual'] }) @Column('text') provider: 'stripe' | 'manual';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'e.g. the Stripe Checkout Session id' }) @Column({ type: 'text', nullable: true }) provider_reference: string | null;
  @ApiProperty({ enum: PAYMENT_STATUSES }) @Column('text') status: PaymentStatus;
  @ApiProperty({ example: 5 }) @Column('integer') credits: number;
  @ApiProperty({ example: 140 }) @Column('numeric') amount: number;
  @ApiProperty({ example: 'EUR' }) @Column('text') currency: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where to send the payer' }) @Column({ type: 'text', nullable: true }) checkout_url: string | null;
  @ApiProperty() @Column('text') success_url: string;
  @ApiProperty() @Column('text') cancel_url: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completed_at: Date | null;
}
