import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const CHARGE_CATEGORIES = ['water', 'heating', 'elevator', 'cleaning', 'waste_tax', 'insurance', 'other'] as const;
export const CHARGE_FREQUENCIES = ['monthly', 'quarterly', 'yearly', 'one_time'] as const;

@Entity('lease_charges')
export class LeaseCharge extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ example: 'Eau froide' }) @Column('text') label: string;
  @ApiProperty({ enum: CHARGE_CATEGORIES }) @Column('text') category: (typeof CHARGE_CATEGORIES)[number];
  @ApiProperty({ example: 25.5 }) @Column('numeric') amount: number;
  @ApiProperty({ enum: CHARGE_FREQUENCIES }) @Column('text') frequency: (typeof CHARGE_FREQUENCIES)[number];
  @ApiProperty({ description: 'Recoverable from the tenant (charges récupérables)' }) @Column('boolean') recoverable: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) start_date: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) end_date: string | null;
}
