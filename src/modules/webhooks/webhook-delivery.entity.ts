import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';
import { EVENT_TYPES, type EventType } from '../../core/events/event-types.js';

export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event for one endpoint: its attempts so far, the last outcome, and the next try. */
@Entity('webhook_deliveries')
export class WebhookDelivery extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') endpoint_id: string;
  @ApiProperty({ format: 'uuid' }) @Column('uuid') event_id: string;
  @ApiProperty({ enum: EVENT_TYPES }) @Column('text') event_type: EventType;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'PENDING (waiting for its next attempt), SENDING, SUCCEEDED (a 2xx), FAILED (3 days of failures, or its endpoint disabled)' })
  @Column('text')
  status: DeliveryStatus;
  @ApiProperty({ example: 1 }) @Column('integer') attempts: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 200, description: 'HTTP status of the last attempt (none when it got no answer)' })
  @Column({ type: 'integer', nullable: true })
  last_status_code: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 142, description: 'Milliseconds until the last attempt got its answer (or failed)' })
  @Column({ type: 'integer', nullable: true })
  last_latency_ms: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'HTTP 503' }) @Column({ type: 'text', nullable: true }) last_error: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @Column({ type: 'timestamptz', nullable: true }) last_attempt_at: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due (null once finished)' })
  @Column({ type: 'timestamptz', nullable: true })
  next_attempt_at: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) claimed_until: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @Column({ type: 'timestamptz', nullable: true }) delivered_at: Date | null;

  override toJSON(): Record<string, unknown> {
    const { claimed_until: _claim, ...visible } = super.toJSON();
    return visible;
  }
}
