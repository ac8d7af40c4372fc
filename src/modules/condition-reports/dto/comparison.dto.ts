import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Condition, CONDITIONS, ITEM_KINDS } from '../condition-report.entity.js';

export class ComparisonRow {
  @ApiProperty() key: string;
  @ApiProperty({ example: 'Murs' }) label: string;
  @ApiProperty({ enum: ITEM_KINDS }) item_kind: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) room_id: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) equipment_id: string | null;
  @ApiPropertyOptional({ enum: CONDITIONS, nullable: true }) entry_condition: Condition | null;
  @ApiPropertyOptional({ enum: CONDITIONS, nullable: true }) exit_condition: Condition | null;
  @ApiProperty({ description: 'Worse at exit, on the scale new > good > fair > poor > broken' }) worsened: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'From the exit report, euros' }) repair_cost: number | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'The exit report\'s, else the entry report\'s' }) installed_on: string | null;
  @ApiProperty({ format: 'date', description: 'Wear counts from here: installed_on, else the entry report\'s date' }) wear_from: string;
  @ApiProperty({ example: 6.5, description: 'Whole months of wear at the exit, in years' }) age_years: number;
  @ApiProperty({ example: 8 }) lifetime_years: number;
  @ApiProperty({ example: 2 }) neutral_years: number;
  @ApiProperty({ example: 10 }) residual_percent: number;
  @ApiProperty({ example: 32.5, description: '100 during the neutral years, then linearly down to residual_percent at lifetime_years, never below' }) tenant_share_percent: number;
  @ApiProperty({ example: 130.07, description: 'repair_cost × the share, to the cent (half up), for worsened items with a repair cost; else 0' }) suggested_deduction: number;
}

export class ComparisonTotals {
  @ApiProperty({ description: 'Items compared (in both reports)' }) items: number;
  @ApiProperty() worsened_items: number;
  @ApiProperty({ description: 'Repair costs of the worsened items, euros' }) repair_costs: number;
  @ApiProperty({ description: 'Sum of the suggested deductions, euros' }) suggested_deductions: number;
}

export class ConditionReportComparison {
  @ApiProperty({ format: 'uuid' }) entry_report_id: string;
  @ApiProperty({ format: 'uuid' }) exit_report_id: string;
  @ApiProperty({ format: 'date' }) entry_performed_on: string;
  @ApiProperty({ format: 'date' }) exit_performed_on: string;
  @ApiProperty({ enum: ['lease', 'template'], description: 'lease: the grid copied into the lease when it was signed; template: never signed here, the organisation\'s grid today' })
  wear_grid: 'lease' | 'template';
  @ApiProperty({ type: [ComparisonRow] }) items: ComparisonRow[];
  @ApiProperty({ type: ComparisonTotals }) totals: ComparisonTotals;
}
