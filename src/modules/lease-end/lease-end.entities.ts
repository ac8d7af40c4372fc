import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

/** A notice (congé) given by the lessee or the landlord, with the end date the law gives it. */
@Entity('lease_notices')
export class LeaseNotice extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: ['lessee', 'landlord'] }) @Column('text') given_by: 'lessee' | 'landlord';
  @ApiProperty({ example: 'first_job' }) @Column('text') reason: string;
  @ApiProperty({ format: 'date' }) @Column('date') received_on: string;
  @ApiProperty({ example: 1, description: 'The notice period the law gives (art. 15)' }) @Column('integer') notice_months: number;
  @ApiProperty({ format: 'date', description: 'The day the lease ends' }) @Column('date') end_date: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Sale: price and conditions; own occupation: the beneficiary; serious reason: its description; rehousing offer' })
  @Column('jsonb')
  details: Record<string, unknown>;
}

export const TERMINATION_STATUSES = ['INITIATED', 'EXIT_PENDING', 'SETTLEMENT_PENDING', 'COMPLETED'] as const;
export type TerminationStatus = (typeof TERMINATION_STATUSES)[number];
export const CHECKLIST_KEYS = ['keys_returned', 'exit_report_signed', 'deposit_settled', 'charges_settled'] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

/** The end of one lease, from a notice (or a decision) to TERMINATED. */
@Entity('lease_terminations')
export class LeaseTermination extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ enum: TERMINATION_STATUSES }) @Column('text') status: TerminationStatus;
  @ApiProperty({ example: 'Congé du locataire' }) @Column('text') reason: string;
  @ApiProperty({ format: 'date' }) @Column('date') effective_date: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) notice_id: string | null;
  @Column({ type: 'timestamptz', nullable: true }) keys_returned_at: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) exit_report_signed_at: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deposit_settled_at: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) charges_settled_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it was completed without its checklist' }) @Column({ type: 'text', nullable: true }) forced_reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completed_at: Date | null;
}

export class DeductionDto {
  @ApiProperty({ example: 'Peinture du séjour' }) label: string;
  @ApiProperty({ example: 120.5, description: 'Euros' }) amount: number;
  @ApiProperty({ example: 'Murs tachés, état d\'usage dépassé (comparaison des états des lieux)' }) reason: string;
}

/** The deposit's settlement at the end of a lease (art. 22): deductions, dates, penalty, amount returned. */
@Entity('deposit_settlements')
export class DepositSettlement extends TenantScopedEntity {
  @ApiProperty({ format: 'uuid' }) @Column('uuid') lease_id: string;
  @ApiProperty({ example: 800 }) @Column('numeric') deposit_amount: number;
  @ApiProperty({ type: [DeductionDto] }) @Column('jsonb') deductions: DeductionDto[];
  @ApiProperty({ example: 200.5 }) @Column('numeric') deducted_total: number;
  @ApiProperty({ example: 0, description: 'Rent owed, paid from the deposit (an entry in the lease\'s account)' }) @Column('numeric') arrears_deducted: number;
  @ApiProperty({ example: 0, description: 'Held back until the building\'s accounts are approved (at most 20 %)' }) @Column('numeric') held_back: number;
  @ApiProperty({ format: 'date' }) @Column('date') keys_returned_on: string;
  @ApiProperty({ description: 'The exit report matches the entry report: 1 month to return it, else 2' }) @Column('boolean') exit_matches_entry: boolean;
  @ApiProperty({ format: 'date' }) @Column('date') due_date: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When the lessee gave a forwarding address' }) @Column({ type: 'date', nullable: true }) forwarding_address_on: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) paid_on: string | null;
  @ApiProperty({ example: 81.55, description: '10 % of the monthly rent per month started late (art. 22)' }) @Column('numeric') penalty: number;
  @ApiProperty({ example: 680.05, description: 'What the lessee receives, penalty included' }) @Column('numeric') amount_returned: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) held_back_due_date: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Column({ type: 'date', nullable: true }) held_back_paid_on: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Column({ type: 'uuid', nullable: true }) document_id: string | null;
}
