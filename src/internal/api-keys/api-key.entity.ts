import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { PERMISSIONS, type Permission } from '../../core/auth/permissions.js';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

/** Metadata of a key. The plaintext is never stored; only its SHA-256 (`key_hash`, never serialised). */
@Entity('api_keys')
export class ApiKey extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') user_id: string;
  @ApiProperty({ example: 'CRM sync' }) @Column('text') name: string;
  @Column('bytea') key_hash: Buffer;
  @ApiProperty({ example: 'fp_live_7Hq2' }) @Column('text') prefix: string;
  @ApiProperty({ example: 'x9Qa' }) @Column('text') last4: string;
  @ApiProperty({ enum: ['live', 'sandbox'] }) @Column('text') environment: 'live' | 'sandbox';
  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true, nullable: true, description: 'null: all of the user\'s permissions' })
  @Column('text', { array: true, nullable: true })
  permissions: Permission[] | null;
  @ApiProperty({ nullable: true, type: String }) @Column({ type: 'timestamptz', nullable: true }) expires_at: Date | null;
  @ApiProperty({ nullable: true, type: String }) @Column({ type: 'timestamptz', nullable: true }) last_used_at: Date | null;
  @ApiProperty({ nullable: true, type: String }) @Column({ type: 'timestamptz', nullable: true }) revoked_at: Date | null;

  override toJSON(): Record<string, unknown> {
    const { key_hash: _secret, ...visible } = super.toJSON();
    return visible;
  }
}
