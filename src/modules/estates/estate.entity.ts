import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const ESTATE_TYPES = ['apartment', 'house', 'studio', 'room', 'parking', 'commercial', 'office', 'other'] as const;
export const RENTAL_STATUSES = ['VACANT', 'RENTED', 'NOTICE'] as const;
export type RentalStatus = (typeof RENTAL_STATUSES)[number];

/** A rentable unit (lot) of a place. */
/** Energy performance classes (DPE), A (best) to G. */
export const ENERGY_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type EnergyLabel = (typeof ENERGY_LABELS)[number];

@Entity('estates')
export class Estate extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') place_id: string;
  @ApiProperty({ format: 'uuid', description: 'Defaults to the place\'s owner' }) @Column('uuid') owner_id: string;
  @ApiProperty({ example: 'Appartement 3B' }) @Column('text') name: string;
  @ApiProperty({ enum: ESTATE_TYPES }) @Column('text') estate_type: (typeof ESTATE_TYPES)[number];
  @ApiPropertyOptional({ type: Number, nullable: true, example: 54.3, description: 'm²' }) @Column({ type: 'numeric', nullable: true }) area: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3 }) @Column({ type: 'integer', nullable: true }) number_of_room: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 2 }) @Column({ type: 'integer', nullable: true }) floor: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'B' }) @Column({ type: 'text', nullable: true }) building: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '0042' }) @Column({ type: 'text', nullable: true }) lot_number: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) fiscal_identifier: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 850.5, description: 'Reference rent, euros' }) @Column({ type: 'numeric', nullable: true }) rent_amount: number | null;
  @ApiPropertyOptional({ enum: ENERGY_LABELS, nullable: true, description: 'DPE class' }) @Column({ type: 'text', nullable: true }) energy_label: EnergyLabel | null;
  @ApiProperty({ enum: RENTAL_STATUSES, readOnly: true, description: 'Kept in sync with the unit\'s leases' }) @Column('text') rental_status: RentalStatus;
}
