import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

/** What a file can be attached to, and where those rows live. */
export const MEDIA_ENTITIES = {
  place: { table: 'places', resource: 'Place' },
  estate: { table: 'estates', resource: 'Estate' },
  room: { table: 'rooms', resource: 'Room' },
  equipment: { table: 'equipment', resource: 'Equipment' },
  lease: { table: 'leases', resource: 'Lease' },
  owner: { table: 'owners', resource: 'Owner' },
  lessee: { table: 'lessees', resource: 'Lessee' },
  contact: { table: 'contacts', resource: 'Contact' },
} as const;
export type MediaEntityType = keyof typeof MEDIA_ENTITIES;
export const MEDIA_ENTITY_TYPES = Object.keys(MEDIA_ENTITIES) as MediaEntityType[];

/** Accepted file types, decided from the file's bytes. */
export const MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

@Entity('media')
export class Media extends TenantScopedEntity {
  @ApiProperty({ enum: MEDIA_ENTITY_TYPES }) @Column('text') entity_type: MediaEntityType;
  @ApiProperty({ format: 'uuid' }) @Column('uuid') entity_id: string;
  @ApiProperty({ example: 'diagnostic-dpe.pdf', description: 'The uploaded name, cleaned (no path, no control characters)' }) @Column('text') filename: string;
  @ApiProperty({ enum: MEDIA_TYPES, description: 'From the file\'s bytes, not its name' }) @Column('text') media_type: MediaType;
  @ApiProperty({ example: 482133, description: 'Bytes' }) @Column('bigint') size: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) @Column('text') sha256: string;
  @ApiProperty({ type: [String], example: ['dpe', '2026'] }) @Column('text', { array: true }) tags: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'diagnostic' }) @Column({ type: 'text', nullable: true }) role: string | null;
  @Column('text') storage_key: string;

  override toJSON(): Record<string, unknown> {
    const { storage_key: _internal, ...visible } = super.toJSON();
    return visible;
  }
}
