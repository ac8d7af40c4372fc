import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const EQUIPMENT_CONDITIONS = ['new', 'good', 'fair', 'poor', 'broken'] as const;
/** Equipment hangs on exactly one level of the property tree. */
export const EQUIPMENT_PARENTS = ['place_id', 'estate_id', 'room_id'] as const;

@Entity('equipment')
export class Equipment extends TenantScopedEntity {
  @ApiProperty({ example: 'Chaudière' }) @Column('text') name: string;
  @ApiProperty({ example: 'boiler' }) @Column('text') equipment_type: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) place_id: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) estate_id: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) room_id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Saunier Duval' }) @Column({ type: 'text', nullable: true }) brand: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) model: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) serial_number: string | null;
  @ApiPropertyOptional({ enum: EQUIPMENT_CONDITIONS, nullable: true }) @Column({ type: 'text', nullable: true }) condition: (typeof EQUIPMENT_CONDITIONS)[number] | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2021-10-04', format: 'date' }) @Column({ type: 'date', nullable: true }) installed_at: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
}
