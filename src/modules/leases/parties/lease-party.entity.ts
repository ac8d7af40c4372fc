import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export const PARTY_ROLES = ['tenant', 'guarantor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** A lessee on a lease, as tenant or guarantor, for a period. */
@Entity('lease_lessees')
export class LeaseParty extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lessee_id: string;
  @ApiProperty({ enum: PARTY_ROLES }) @Column('text') role: PartyRole;
  @ApiProperty({ format: 'date' }) @Column('date') start_date: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Set by PUT .../end' }) @Column({ type: 'date', nullable: true }) end_date: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, readOnly: true, description: 'A co-tenant who left by amendment: jointly liable until this date (art. 8-1 VI, loi n° 89-462)' })
  @Column({ type: 'date', nullable: true })
  solidarity_until: string | null;
}
