import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../tenancy/tenant-scoped.entity.js';
import { EVENT_TYPES, type EventType } from './event-types.js';

/**
 * Something that happened in a data space, recorded by the transaction that made it happen (a
 * transactional outbox): `{id, type, created_at, data}`, exactly the body webhooks send. Events
 * never change, so they answer without `updated_at`.
 */
@Entity('events')
export class Event extends TenantScopedEntity {
  @ApiProperty({ enum: EVENT_TYPES, example: 'lease.status_changed' }) @Column('text') type: EventType;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The resource as the API answers it, at the time of the change' })
  @Column('jsonb')
  data: Record<string, unknown>;

  override toJSON(): Record<string, unknown> {
    return { id: this.id, type: this.type, created_at: this.created_at, data: this.data };
  }
}
