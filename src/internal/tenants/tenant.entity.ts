import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The organisation, or its sandbox twin (a data space of its own, `sandbox_of` the live one). Its
 * own id is the tenant key, so it is isolated by `id`, not `tenant_id`.
 */
@Entity('tenants')
export class Tenant {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn('uuid')
  id: string;

  @ApiProperty({ example: 'Acme Gestion' })
  @Column('text')
  name: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Requests per hour; null: the configured default' })
  @Column({ type: 'integer', nullable: true })
  rate_limit_per_hour: number | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Set while suspended: every key of the tenant (live and sandbox) gets 403 TENANT_SUSPENDED' })
  @Column({ type: 'timestamptz', nullable: true })
  suspended_at: Date | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it is suspended, for FairePlace staff only' })
  @Column({ type: 'text', nullable: true })
  suspension_reason: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the tenant\'s keys are told (`details.reason` of TENANT_SUSPENDED)' })
  @Column({ type: 'text', nullable: true })
  suspension_public_reason: string | null;

  /** The live tenant this one is the sandbox twin of (null: a live tenant). */
  @Column({ type: 'uuid', nullable: true })
  sandbox_of: string | null;

  @ApiProperty() @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @ApiProperty() @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;

  /** Serialised only (from sandbox_of). */
  @ApiProperty({ enum: ['live', 'sandbox'], description: 'sandbox: the twin data space of a live tenant (?environment=sandbox)' })
  readonly environment?: 'live' | 'sandbox';

  /** Serialised only (from suspended_at). */
  @ApiProperty({ enum: ['ACTIVE', 'SUSPENDED'] })
  readonly status?: 'ACTIVE' | 'SUSPENDED';

  toJSON(): Record<string, unknown> {
    const { sandbox_of: sandboxOf, ...visible } = this as Record<string, unknown>;
    return { ...visible, environment: sandboxOf ? 'sandbox' : 'live', status: this.suspended_at ? 'SUSPENDED' : 'ACTIVE' };
  }
}
