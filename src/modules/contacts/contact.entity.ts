import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const CONTACT_TYPES = ['person', 'company'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
export const CONTACT_CATEGORIES = ['property_manager', 'maintenance', 'insurer', 'notary', 'accountant', 'other'] as const;
export type ContactCategory = (typeof CONTACT_CATEGORIES)[number];

/** A professional the landlord works with: property manager, plumber, insurer, notary, ... */
@Entity('contacts')
export class Contact extends TenantScopedEntity {
  @ApiProperty({ enum: CONTACT_TYPES }) @Column('text') type_contact: ContactType;
  @ApiProperty({ enum: CONTACT_CATEGORIES }) @Column('text') category: ContactCategory;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sophie' }) @Column({ type: 'text', nullable: true }) first_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lefèvre' }) @Column({ type: 'text', nullable: true }) last_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Plomberie Lefèvre SARL' }) @Column({ type: 'text', nullable: true }) legal_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'contact@plomberie-lefevre.fr' }) @Column({ type: 'text', nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+33472000000' }) @Column({ type: 'text', nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '8 quai Saint-Vincent' }) @Column({ type: 'text', nullable: true }) address_line1: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '69001' }) @Column({ type: 'text', nullable: true }) postal_code: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lyon' }) @Column({ type: 'text', nullable: true }) city: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR' }) @Column({ type: 'text', nullable: true }) country: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Intervient sous 24 h' }) @Column({ type: 'text', nullable: true }) notes: string | null;
}
