import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import type { WearGridItem } from './wear-grids.service.js';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';
import { LEASE_STATUSES, type LeaseStatus } from './lease-status.js';

export const LEASE_TYPES = ['unfurnished', 'furnished', 'student', 'commercial', 'parking'] as const;
export type LeaseType = (typeof LEASE_TYPES)[number];
export const RENT_FREQUENCIES = ['monthly', 'quarterly'] as const;
export const CHARGE_SETTLEMENT_MODES = ['provision', 'flat_rate', 'periodic'] as const;

@Entity('leases')
export class Lease extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') estate_id: string;
  @ApiProperty({ enum: LEASE_TYPES }) @Column('text') lease_type: LeaseType;
  @ApiProperty({ enum: LEASE_STATUSES, readOnly: true, description: 'Changed through PUT /leases/{id}/status and the signature workflow' })
  @Column('text')
  status: LeaseStatus;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @Column('date') start_date: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) end_date: string | null;
  @ApiProperty({ example: 850.5, description: 'Per rent period (month or quarter), euros' }) @Column('numeric') rent_amount: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 60 }) @Column({ type: 'numeric', nullable: true }) charges_amount: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 850 }) @Column({ type: 'numeric', nullable: true }) deposit_amount: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 28 }) @Column({ type: 'integer', nullable: true }) payment_day: number | null;
  @ApiProperty({ enum: RENT_FREQUENCIES }) @Column('text') rent_frequency: (typeof RENT_FREQUENCIES)[number];
  @ApiPropertyOptional({ enum: CHARGE_SETTLEMENT_MODES, nullable: true }) @Column({ type: 'text', nullable: true }) charge_settlement_mode: (typeof CHARGE_SETTLEMENT_MODES)[number] | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) reference_number: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'T2-2026', description: 'IRL quarter of reference for revisions' }) @Column({ type: 'text', nullable: true }) irl_reference_quarter: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'First yearly revision date (null: anniversary)' }) @Column({ type: 'date', nullable: true }) revision_date: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Complément de loyer, euros per month' }) @Column({ type: 'numeric', nullable: true }) rent_supplement: number | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, nullable: true, readOnly: true, description: 'The wear (vétusté) grid of the lease: the organisation\'s, copied when it was signed' })
  @Column({ type: 'jsonb', nullable: true })
  wear_grid: WearGridItem[] | null;
}
