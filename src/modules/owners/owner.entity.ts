import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const OWNER_CATEGORIES = ['individual', 'company', 'sci'] as const;
export type OwnerCategory = (typeof OWNER_CATEGORIES)[number];

/** A landlord: a person, a company, or an SCI (société civile immobilière). */
@Entity('owners')
export class Owner extends TenantScopedEntity {
  @ApiProperty({ enum: OWNER_CATEGORIES }) @Column('text') owner_category: OwnerCategory;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Mme' }) @Column({ type: 'text', nullable: true }) title: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Claire' }) @Column({ type: 'text', nullable: true }) first_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Dubois' }) @Column({ type: 'text', nullable: true }) last_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'SCI Les Tilleuls' }) @Column({ type: 'text', nullable: true }) legal_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '812 345 678 R.C.S. Lyon' }) @Column({ type: 'text', nullable: true }) registration_number: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'claire.dubois@example.fr' }) @Column({ type: 'text', nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+33612345678' }) @Column({ type: 'text', nullable: true }) mobile_phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12 rue des Lilas' }) @Column({ type: 'text', nullable: true }) street_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '69003' }) @Column({ type: 'text', nullable: true }) postal_code: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lyon' }) @Column({ type: 'text', nullable: true }) city: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR' }) @Column({ type: 'text', nullable: true }) country: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Printed on rent calls' }) @Column({ type: 'text', nullable: true }) iban: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) bic: string | null;
}
