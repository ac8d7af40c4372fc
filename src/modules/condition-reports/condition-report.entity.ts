import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

export const REPORT_KINDS = ['entry', 'exit'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['DRAFT', 'PENDING_SIGNATURE', 'SIGNED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** Best first: an item worsened when its exit condition comes later in this list than its entry one. */
export const CONDITIONS = ['new', 'good', 'fair', 'poor', 'broken'] as const;
export type Condition = (typeof CONDITIONS)[number];
/** The kinds of a wear grid's lines: each item ages by its kind's line. */
export const ITEM_KINDS = ['paint', 'wallpaper', 'flooring_carpet', 'flooring_parquet', 'flooring_tiles', 'sanitary', 'joinery', 'electrical', 'appliance', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const METER_TYPES = ['electricity', 'gas', 'water_cold', 'water_hot', 'heating', 'other'] as const;

/** One element of the dwelling and its condition. */
export class ReportItem {
  @ApiProperty({ example: 'room:0190f1c2-7d2e-7c4a-9b1e-3f5a2d8c9e10:walls', description: 'Stable: the same element has the same key in the entry and the exit report' }) key: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) room_id: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) equipment_id: string | null;
  @ApiProperty({ example: 'Murs' }) label: string;
  @ApiProperty({ enum: ITEM_KINDS, description: 'Its line of the wear grid' }) item_kind: ItemKind;
  @ApiPropertyOptional({ enum: CONDITIONS, nullable: true, description: 'null: not observed yet' }) condition: Condition | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: [String], description: 'Photos (media ids)' }) media_ids: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, example: 120.5, description: 'Exit reports: the estimated repair, euros' }) repair_cost: number | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When it was new (painted, laid, installed): the start of its wear' }) installed_on: string | null;
}

export class ReportMeter {
  @ApiProperty({ enum: METER_TYPES }) type: (typeof METER_TYPES)[number];
  @ApiPropertyOptional({ type: String, nullable: true, example: '09 123 456 789 012', description: 'Meter number (PDL, PCE, …)' }) number: string | null;
  @ApiProperty({ example: 12345.6 }) reading: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'kWh' }) unit: string | null;
}

export class ReportKey {
  @ApiProperty({ example: 'Porte d\'entrée' }) label: string;
  @ApiProperty({ example: 2 }) count: number;
}

/** An état des lieux (décret n° 2016-382): one entry and one exit per lease. */
@Entity('condition_reports')
export class ConditionReport extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: REPORT_KINDS }) @Column('text') kind: ReportKind;
  @ApiProperty({ enum: REPORT_STATUSES, readOnly: true, description: 'Changed by the signature workflow' }) @Column('text') status: ReportStatus;
  @ApiProperty({ format: 'date', example: '2027-01-02' }) @Column('date') performed_on: string;
  @ApiProperty({ type: [ReportItem] }) @Column('jsonb') items: ReportItem[];
  @ApiProperty({ type: [ReportMeter] }) @Column('jsonb') meters: ReportMeter[];
  @ApiProperty({ type: [ReportKey] }) @Column('jsonb') keys: ReportKey[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Exit reports: the lessee\'s new address' }) @Column({ type: 'text', nullable: true }) forwarding_address: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, readOnly: true }) @Column({ type: 'timestamptz', nullable: true }) signed_at: Date | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, readOnly: true, description: 'The PDF showing the report as it stands, the one to sign (null: none yet, or edited since)' })
  @Column({ type: 'uuid', nullable: true })
  document_id: string | null;
}
