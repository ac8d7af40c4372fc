import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../tenancy/tenant-scoped.entity.js';

export const DELIVERIES = ['smtp', 'dashboard'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * A message to a person, kept in its tenant's outbox until delivered: by the SMTP job, or by the
 * dashboard backend (which reads it here). A code in it is masked once delivered or expired.
 */
@Entity('outbox_messages')
export class OutboxMessage extends TenantScopedEntity {
  @ApiProperty({ enum: ['email', 'sms'] }) @Column('text') channel: 'email' | 'sms';
  @ApiProperty({ example: 'claire@example.fr' }) @Column('text') recipient: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) subject: string | null;
  @ApiProperty({ description: 'The text to send; its code is masked (••••••) once delivered or expired' }) @Column('text') body: string;
  @ApiProperty({ enum: DELIVERIES, description: 'smtp: sent by the API; dashboard: the dashboard backend sends it and then marks it delivered' })
  @Column('text')
  delivery: Delivery;
  @Column({ type: 'text', nullable: true }) redacted_body: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When its code stops working (then it is masked)' })
  @Column({ type: 'timestamptz', nullable: true })
  code_expires_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) delivered_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) redacted_at: Date | null;
  @ApiProperty({ description: 'SMTP attempts so far' }) @Column('integer') attempts: number;
  @Column({ type: 'text', nullable: true }) last_error: string | null;

  override toJSON(): Record<string, unknown> {
    const { redacted_body: _masked, last_error: _error, ...visible } = super.toJSON();
    return visible;
  }
}
