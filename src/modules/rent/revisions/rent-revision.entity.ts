import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

/** A yearly IRL revision of a lease's rent (art. 17-1, loi n° 89-462), recorded then applied. */
@Entity('rent_revisions')
export class RentRevision extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ format: 'date', description: 'The anniversary the revision is for' }) @Column('date') revision_date: string;
  @ApiProperty({ format: 'date', description: 'When the landlord claimed it' }) @Column('date') claimed_on: string;
  @ApiProperty({ format: 'date', description: 'From when the new rent applies: the revision date, or the claim when late' }) @Column('date') effective_date: string;
  @ApiProperty({ example: 'T2-2027' }) @Column('text') index_quarter: string;
  @ApiProperty({ example: 146.68 }) @Column('numeric') index_value: number;
  @ApiProperty({ example: 'T2-2026' }) @Column('text') previous_quarter: string;
  @ApiProperty({ example: 145.17 }) @Column('numeric') previous_value: number;
  @ApiProperty({ example: 850 }) @Column('numeric') previous_rent: number;
  @ApiProperty({ example: 858.84 }) @Column('numeric') new_rent: number;
  @ApiProperty({ enum: ['RECORDED', 'APPLIED'] }) @Column('text') status: 'RECORDED' | 'APPLIED';
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) applied_at: Date | null;
}

/** A published IRL value: the shared catalogue, the same for every tenant. */
@Entity('rent_indices')
export class RentIndex {
  @ApiProperty({ example: 'T2-2027' }) @PrimaryColumn('text') quarter: string;
  @ApiProperty({ example: 146.68 }) @Column('numeric') value: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) published_on: string | null;
  @ApiProperty({ example: 'INSEE, série 001515333 (IRL), Informations rapides' }) @Column('text') source: string;
  @ApiProperty() @Column('timestamptz') created_at: Date;
  @ApiProperty() @Column('timestamptz') updated_at: Date;
}
