import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

export class RentCallLineDto {
  @ApiProperty({ example: 'Loyer' }) label: string;
  @ApiProperty({ enum: ['rent', 'provision', 'charge'] }) kind: 'rent' | 'provision' | 'charge';
  @ApiProperty({ example: 850.5, description: 'Euros' }) amount: number;
}

/** An avis d'échéance: what a period of a lease calls for. One per lease and period, ever. */
@Entity('rent_calls')
export class RentCall extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ format: 'date', example: '2027-03-01' }) @Column('date') period_start: string;
  @ApiProperty({ format: 'date', example: '2027-03-31' }) @Column('date') period_end: string;
  @ApiProperty({ format: 'date', example: '2027-03-05', description: 'Rent is payable in advance on this day' }) @Column('date') due_date: string;
  @ApiProperty({ example: 850.5 }) @Column('numeric') rent_amount: number;
  @ApiProperty({ example: 60, description: 'Charges provision and recoverable charges' }) @Column('numeric') charges_amount: number;
  @ApiProperty({ example: 910.5 }) @Column('numeric') total: number;
  @ApiProperty({ type: [RentCallLineDto] }) @Column('jsonb') lines: RentCallLineDto[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The PDF (GET /api/documents/{id}/download)' }) @Column({ type: 'uuid', nullable: true }) document_id: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The bulk run that issued it' }) @Column({ type: 'uuid', nullable: true }) run_id: string | null;
}

export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export class RunFailureDto {
  @ApiProperty({ format: 'uuid' }) lease_id: string;
  @ApiProperty({ example: 'The lease names no payment period for this month' }) message: string;
}

/** A bulk run: the calls of one month for every running lease of the tenant, in the background. */
@Entity('rent_call_runs')
export class RentCallRun extends TenantScopedEntity {
  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'The month (its first day)' }) @Column('date') month: string;
  @ApiProperty({ enum: RUN_STATUSES }) @Column('text') status: RunStatus;
  @ApiProperty({ example: 1000, description: 'Leases to call' }) @Column('integer') total: number;
  @ApiProperty({ example: 998, description: 'Leases done (called now or earlier)' }) @Column('integer') done: number;
  @ApiProperty({ example: 2 }) @Column('integer') failed: number;
  @ApiProperty({ type: [RunFailureDto] }) @Column('jsonb') failures: RunFailureDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) started_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) finished_at: Date | null;
}
