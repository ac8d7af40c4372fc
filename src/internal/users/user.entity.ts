import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { PERMISSIONS, type Permission } from '../../core/auth/permissions.js';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

@Entity('users')
export class User extends TenantScopedEntity {
  @ApiProperty({ example: 'alice@example.com' }) @Column('text') email: string;
  @ApiProperty({ example: 'Alice Martin' }) @Column('text') display_name: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) @Column('text', { array: true }) permissions: Permission[];
  @Column({ type: 'timestamptz', nullable: true }) disabled_at: Date | null;

  /** Serialised only (from disabled_at). */
  @ApiProperty({ description: 'A disabled user\'s keys stop working at once' })
  readonly disabled?: boolean;

  override toJSON(): Record<string, unknown> {
    const { disabled_at: disabledAt, ...visible } = super.toJSON();
    return { ...visible, disabled: disabledAt !== null && disabledAt !== undefined };
  }
}
