import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const RENT_CHANGE_REASONS = ['revision', 'amendment', 'correction'] as const;
export type RentChangeReason = (typeof RENT_CHANGE_REASONS)[number];

/** Rent and charges provision in force from a date, after the contract's: never edited, only added. */
@Entity('lease_rent_changes')
export class LeaseRentChange extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ format: 'date', example: '2028-01-01' }) @Column('date') effective_date: string;
  @ApiProperty({ example: 858.84, description: 'Rent per period, euros' }) @Column('numeric') rent_amount: number;
  @ApiProperty({ example: 60, description: 'Charges provision per period, euros' }) @Column('numeric') charges_amount: number;
  @ApiProperty({ enum: RENT_CHANGE_REASONS }) @Column('text') reason: RentChangeReason;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) revision_id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) note: string | null;
}
