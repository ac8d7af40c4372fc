import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../tenancy/tenant-scoped.entity.js';

/** A message as the built-in notifier "sent" it: readable by the dashboard backend only. */
@Entity('outbox_messages')
export class OutboxMessage extends TenantScopedEntity {
  @ApiProperty({ enum: ['email', 'sms'] }) @Column('text') channel: 'email' | 'sms';
  @ApiProperty({ example: 'claire@example.fr' }) @Column('text') recipient: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) subject: string | null;
  @ApiProperty() @Column('text') body: string;
}
