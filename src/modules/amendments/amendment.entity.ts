import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';
import { AMENDMENT_STATUSES, type AmendmentStatus } from './amendment-status.js';

export const AMENDMENT_TYPES = ['duration_change', 'renewal', 'rent_change', 'co_tenant_added', 'co_tenant_removed', 'other'] as const;
export type AmendmentType = (typeof AMENDMENT_TYPES)[number];

/** An avenant to a running lease: drafted, signed through the one workflow, then applied to the lease. */
@Entity('amendments')
export class Amendment extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: AMENDMENT_TYPES }) @Column('text') type: AmendmentType;
  @ApiProperty({ enum: AMENDMENT_STATUSES, readOnly: true }) @Column('text') status: AmendmentStatus;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { rent_amount: 820, charges_amount: 60 }, description: 'What changes; its fields depend on `type`' })
  @Column('jsonb')
  changes: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) description: string | null;
  @ApiProperty({ format: 'date', example: '2027-09-01', description: 'From when the change applies' }) @Column('date') effective_date: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, readOnly: true }) @Column({ type: 'timestamptz', nullable: true }) signed_at: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, readOnly: true }) @Column({ type: 'timestamptz', nullable: true }) applied_at: Date | null;
}

export const AMENDMENT_ACTIONS = ['created', 'updated', 'pdf_generated', 'signature_started', 'signed', 'signature_ended', 'applied', 'cancelled'] as const;
export type AmendmentAction = (typeof AMENDMENT_ACTIONS)[number];

/** Who made a change: an API key (its user and prefix) or the platform (internal API, a background job). */
export interface AmendmentActor {
  kind: 'api-key' | 'internal' | 'signing-link';
  user_id: string | null;
  key_prefix: string | null;
}

/** One change of an amendment, written with it and never updated (the app role cannot). */
@Entity('amendment_events')
export class AmendmentEvent extends TenantScopedEntity {
  @Column('uuid') amendment_id: string;
  @Column('text') action: AmendmentAction;
  @Column('jsonb') actor: AmendmentActor;
  @Column({ type: 'jsonb', nullable: true }) previous: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) next: Record<string, unknown> | null;
}
