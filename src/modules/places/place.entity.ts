import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const PLACE_CATEGORIES = ['individual', 'collective'] as const;
export const LEGAL_REGIMES = ['copropriete', 'monopropriete', 'asl', 'aful'] as const;

/** A building or a house: the address that units (estates) belong to. */
@Entity('places')
export class Place extends TenantScopedEntity {
  @ApiProperty({ example: 'Résidence Les Tilleuls' }) @Column('text') name: string;
  @ApiProperty({ format: 'uuid' }) @Column('uuid') owner_id: string;
  @ApiProperty({ enum: PLACE_CATEGORIES }) @Column('text') place_category: (typeof PLACE_CATEGORIES)[number];
  @ApiPropertyOptional({ enum: LEGAL_REGIMES, nullable: true }) @Column({ type: 'text', nullable: true }) legal_regime: (typeof LEGAL_REGIMES)[number] | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12 bis' }) @Column({ type: 'text', nullable: true }) street_number: string | null;
  @ApiProperty({ example: 'rue des Lilas' }) @Column('text') street_name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bâtiment B' }) @Column({ type: 'text', nullable: true }) address_complement: string | null;
  @ApiProperty({ example: '69003' }) @Column('text') postal_code: string;
  @ApiProperty({ example: 'Lyon' }) @Column('text') city: string;
  @ApiProperty({ example: 'FR' }) @Column('text') country: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 45.7578 }) @Column({ type: 'numeric', nullable: true }) latitude: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.832 }) @Column({ type: 'numeric', nullable: true }) longitude: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 5 }) @Column({ type: 'integer', nullable: true }) number_of_floor: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1972-05-01' }) @Column({ type: 'date', nullable: true }) construction_date: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) description: string | null;
  @ApiProperty({ description: 'Rent control applies in the commune' }) @Column('boolean') rent_control: boolean;
  @ApiProperty({ description: 'Tense-market zone (zone tendue): a lessee\'s notice runs 1 month' }) @Column('boolean') tense_zone: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 22.4, description: 'Euros per m² per month' }) @Column({ type: 'numeric', nullable: true }) reference_rent_per_m2: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 26.88, description: 'Euros per m² per month' }) @Column({ type: 'numeric', nullable: true }) increased_reference_rent_per_m2: number | null;
}
