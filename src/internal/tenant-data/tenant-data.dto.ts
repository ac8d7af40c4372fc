import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EraseTenantDto {
  @ApiProperty({ description: "The tenant's id or its exact name, to confirm the erasure", example: 'Acme Gestion' })
  @IsString() @Length(1, 200)
  confirm: string;
}

/** The tombstone of an erasure (kept after the tenant is gone). */
export class TenantErasureDto {
  @ApiProperty({ format: 'uuid' }) tenant_id: string;
  @ApiProperty({ enum: ['IN_PROGRESS', 'COMPLETED'] }) status: 'IN_PROGRESS' | 'COMPLETED';
  @ApiProperty() requested_at: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) files_removed_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) completed_at: Date | null;
  @ApiProperty({ description: 'Rows deleted per table (live and sandbox data spaces together)', type: 'object', additionalProperties: { type: 'integer' } })
  row_counts: Record<string, number>;
}
