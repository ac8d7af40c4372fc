import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The organisation. Its own id is the tenant key, so it is isolated by `id`, not `tenant_id`. */
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

  @ApiProperty() @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @ApiProperty() @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
