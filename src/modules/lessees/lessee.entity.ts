import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const LESSEE_CATEGORIES = ['individual', 'company', 'guarantor'] as const;
export type LesseeCategory = (typeof LESSEE_CATEGORIES)[number];

/** Someone who rents (a person or a company) or stands surety for a rent (a guarantor). */
@Entity('lessees')
export class Lessee extends TenantScopedEntity {
  @ApiProperty({ enum: LESSEE_CATEGORIES }) @Column('text') category: LesseeCategory;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'M.' }) @Column({ type: 'text', nullable: true }) title: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Julien' }) @Column({ type: 'text', nullable: true }) first_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Moreau' }) @Column({ type: 'text', nullable: true }) last_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Moreau Conseil SAS' }) @Column({ type: 'text', nullable: true }) legal_name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'julien.moreau@example.fr' }) @Column({ type: 'text', nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+33698765432' }) @Column({ type: 'text', nullable: true }) mobile_phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1990-04-17' }) @Column({ type: 'date', nullable: true }) birth_date: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ingénieur' }) @Column({ type: 'text', nullable: true }) profession: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3200.5, description: 'Euros' }) @Column({ type: 'numeric', nullable: true }) monthly_income: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the lessee agreed to receive receipts by email' })
  @Column({ type: 'timestamptz', nullable: true })
  email_receipts_consent_at: Date | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the personal data was erased (POST /api/lessees/{id}/erase); null: never' })
  @Column({ type: 'timestamptz', nullable: true })
  erased_at: Date | null;

  /** Serialised only (from email_receipts_consent_at). */
  @ApiProperty({ description: 'Receipts may be sent by email (art. 21, loi n° 89-462)' })
  readonly email_receipts_consent?: boolean;

  override toJSON(): Record<string, unknown> {
    const visible = super.toJSON();
    return { ...visible, email_receipts_consent: visible.email_receipts_consent_at !== null && visible.email_receipts_consent_at !== undefined };
  }
}
