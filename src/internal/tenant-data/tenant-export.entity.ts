import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const EXPORT_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'EXPIRED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** One export job of a tenant: the archive is written by the `tenants.export` job. */
@Entity('tenant_exports')
export class TenantExport extends TenantScopedEntity {
  @ApiProperty({ enum: EXPORT_STATUSES }) @Column('text') status: ExportStatus;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of the tables and files written' }) @Column('integer') progress: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Archive size in bytes, once written' })
  @Column({ type: 'bigint', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  size: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'SHA-256 of the archive (hex)' }) @Column({ type: 'text', nullable: true }) sha256: string | null;
  @Column({ type: 'text', nullable: true }) storage_key: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) error: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) started_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completed_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Until when the archive can be downloaded (EXPORT_RETENTION_DAYS after it was written); then it is deleted and the export is EXPIRED' })
  @Column({ type: 'timestamptz', nullable: true })
  expires_at: Date | null;

  override toJSON(): Record<string, unknown> {
    const { storage_key: _internal, ...visible } = super.toJSON();
    return visible;
  }
}
