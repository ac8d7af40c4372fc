import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const ROOM_TYPES = ['bedroom', 'bathroom', 'kitchen', 'living_room', 'dining_room', 'office', 'storage', 'balcony', 'garage', 'other'] as const;

@Entity('rooms')
export class Room extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') estate_id: string;
  @ApiProperty({ enum: ROOM_TYPES }) @Column('text') room_type: (typeof ROOM_TYPES)[number];
  @ApiProperty({ example: 'Chambre 1' }) @Column('text') designation: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 12.5, description: 'm²' }) @Column({ type: 'numeric', nullable: true }) habitable_surface: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 11.8, description: 'm² (loi Carrez)' }) @Column({ type: 'numeric', nullable: true }) carrez_surface: number | null;
}
