import { ApiProperty } from '@nestjs/swagger';
import { CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Columns of every tenant-owned row: PK (tenant_id, id), timestamps kept by the database.
 * `tenant_id` is never serialised: the tenant is implicit from the key (SPEC section 1).
 */
export abstract class TenantScopedEntity {
  @PrimaryColumn('uuid')
  tenant_id: string;

  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn('uuid')
  id: string;

  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' })
  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;

  toJSON(): Record<string, unknown> {
    const { tenant_id: _hidden, ...visible } = this as Record<string, unknown>;
    return visible;
  }
}

