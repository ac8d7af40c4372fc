import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import { IsCalendarDate, IsMoney } from '../../core/validation/validators.js';
import { CHECKLIST_KEYS, TERMINATION_STATUSES, type TerminationStatus } from './lease-end.entities.js';
import { LANDLORD_REASONS, LESSEE_REASONS } from './notices/notice-rules.js';

const NOTICE_REASONS = [...LESSEE_REASONS, ...LANDLORD_REASONS] as const;

/** What a landlord's notice must state (art. 15 I), and the rehousing offer art. 15 III asks for. */
export class NoticeDetailsDto {
  @ApiPropertyOptional({ example: 245000, description: 'Sale: the price offered to the lessee (right of first refusal), euros' })
  @IsOptional() @IsMoney() price?: number;

  @ApiPropertyOptional({ example: 'Vente libre, paiement comptant', maxLength: 2000, description: 'Sale: the conditions of the sale' })
  @IsOptional() @IsString() @Length(1, 2000) conditions?: string;

  @ApiPropertyOptional({ example: 'Mme Claire Dubois, fille du bailleur', maxLength: 500, description: 'Own occupation: who will live there, and their tie to the landlord' })
  @IsOptional() @IsString() @Length(1, 500) beneficiary?: string;

  @ApiPropertyOptional({ example: 'Troubles de voisinage répétés (constat du 12/03)', maxLength: 2000, description: 'Serious reason: what it is' })
  @IsOptional() @IsString() @Length(1, 2000) description?: string;

  @ApiPropertyOptional({ example: 'T2 au 8 rue des Acacias, même commune, loyer 690 €', maxLength: 2000, description: 'Rehousing offered to a protected lessee (art. 15 III)' })
  @IsOptional() @IsString() @Length(1, 2000) rehousing_offer?: string;
}

export class GiveNoticeDto {
  @ApiProperty({ enum: ['lessee', 'landlord'] }) @IsIn(['lessee', 'landlord']) given_by: 'lessee' | 'landlord';

  @ApiProperty({
    enum: NOTICE_REASONS,
    description: 'Lessee: `standard` (3 months unfurnished) or a reason for 1 month (first_job, job_transfer, job_loss, new_job_after_job_loss, health, rsa_aah, social_housing). Landlord: sale, own_occupation or serious_reason only.',
  })
  @IsIn(NOTICE_REASONS) reason: string;

  @ApiProperty({ format: 'date', example: '2027-09-15', description: 'The day the notice was received (registered letter, bailiff, hand delivery): the period runs from it' })
  @IsCalendarDate() received_on: string;

  @ApiPropertyOptional({ type: NoticeDetailsDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NoticeDetailsDto) details?: NoticeDetailsDto;
}

export class ListNoticesQueryDto extends ListQueryDto {
  @SortQuery(['created_at', 'received_on']) sort?: string;
}

export class StartTerminationDto {
  @ApiProperty({ example: 'Résiliation amiable', maxLength: 500 }) @IsString() @Length(1, 500) reason: string;
  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'The last day of the lease: rent runs to it' }) @IsCalendarDate() effective_date: string;
}

export class UpdateChecklistItemDto {
  @ApiProperty() @IsBoolean() done: boolean;
  @ApiPropertyOptional({ format: 'date', example: '2027-12-20', description: 'When it happened (default: today). For keys_returned after a landlord\'s notice, rent stops that day (actual occupation).' })
  @IsOptional() @IsCalendarDate() on?: string;
}

export class ForceTerminationDto {
  @ApiProperty({ example: 'Locataire parti sans laisser d\'adresse ; clés récupérées par huissier', maxLength: 1000 }) @IsString() @Length(1, 1000) reason: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only when no termination exists yet: its effective date (default: today)' })
  @IsOptional() @IsCalendarDate() effective_date?: string;
}

export class ReletDto {
  @ApiProperty({ format: 'date', example: '2027-11-01', description: 'The day a new tenant takes the unit, with the landlord\'s agreement: rent stops the day before' })
  @IsCalendarDate() relet_from: string;
}

export class ChecklistItemView {
  @ApiProperty() done: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) on: string | null;
  @ApiProperty({ enum: ['manual', 'condition_report', 'deposit_settlement'], description: 'Who ticked it: a caller, or the workflow that did it' }) source: 'manual' | 'condition_report' | 'deposit_settlement';
}

export class ChecklistView {
  @ApiProperty({ type: ChecklistItemView }) keys_returned: ChecklistItemView;
  @ApiProperty({ type: ChecklistItemView, description: 'Ticked by itself when the exit condition report is signed through the platform' }) exit_report_signed: ChecklistItemView;
  @ApiProperty({ type: ChecklistItemView, description: 'Ticked by itself when the deposit settlement is paid' }) deposit_settled: ChecklistItemView;
  @ApiProperty({ type: ChecklistItemView }) charges_settled: ChecklistItemView;
}

export class TerminationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) lease_id: string;
  @ApiProperty({ enum: TERMINATION_STATUSES, description: 'Follows the checklist: INITIATED → EXIT_PENDING (keys or exit report) → SETTLEMENT_PENDING (both) → COMPLETED (complete or force)' }) status: TerminationStatus;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date', description: 'The last day of the lease; rent runs to it' }) effective_date: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) notice_id: string | null;
  @ApiProperty({ type: ChecklistView }) checklist: ChecklistView;
  @ApiProperty({ example: 50 }) completion_percentage: number;
  @ApiProperty() can_complete: boolean;
  @ApiProperty({ enum: CHECKLIST_KEYS, isArray: true, description: 'What still stands between the termination and PUT …/complete' }) missing: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) forced_reason: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completed_at: Date | null;
  @ApiProperty({ format: 'date-time' }) created_at: Date;
  @ApiProperty({ format: 'date-time' }) updated_at: Date;
}

export class DeductionInputDto {
  @ApiProperty({ example: 'Peinture du séjour', maxLength: 200 }) @IsString() @Length(1, 200) label: string;
  @ApiProperty({ example: 120.5, description: 'Euros, more than 0' }) @IsMoney() @Min(0.01) amount: number;
  @ApiProperty({ example: 'Murs tachés au-delà de l\'usure normale (comparaison des états des lieux)', maxLength: 1000 }) @IsString() @Length(1, 1000) reason: string;
}

export class ReturnDepositDto {
  @ApiProperty({ type: [DeductionInputDto], description: 'Itemised deductions, each with its reason (from the condition report comparison, or entered)' })
  @IsArray() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DeductionInputDto)
  deductions: DeductionInputDto[];

  @ApiPropertyOptional({ format: 'date', description: 'Default: the date ticked on the termination checklist (keys_returned)' })
  @IsOptional() @IsCalendarDate() keys_returned_on?: string;

  @ApiPropertyOptional({ description: 'Whether the exit report matches the entry report (1 month to return the deposit, else 2). Default: from the two signed condition reports; required without them.' })
  @IsOptional() @IsBoolean() exit_matches_entry?: boolean;

  @ApiPropertyOptional({ example: 160, description: 'Held back until the building\'s accounts are approved: collective buildings only, at most 20 % of the deposit (art. 22)' })
  @IsOptional() @IsMoney() held_back?: number;

  @ApiPropertyOptional({ default: false, description: 'Pay the rent still owed from the deposit: an entry of method `deposit` in the lease\'s account' })
  @IsOptional() @IsBoolean() deduct_arrears?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'When the lessee gave a forwarding address. Default: the signed exit report\'s date, if it gives one' })
  @IsOptional() @IsCalendarDate() forwarding_address_on?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the balance was paid to the lessee (or later, with PUT)' })
  @IsOptional() @IsCalendarDate() paid_on?: string;
}

export class UpdateDepositReturnDto {
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() forwarding_address_on?: string;
  @ApiPropertyOptional({ format: 'date', description: 'When the balance was paid: the penalty is computed, the checklist\'s deposit_settled ticked' }) @IsOptional() @IsCalendarDate() paid_on?: string;
  @ApiPropertyOptional({ format: 'date', description: 'When the building\'s accounts were approved: the amount held back is then due within one month (art. 22)' }) @IsOptional() @IsCalendarDate() accounts_approved_on?: string;
  @ApiPropertyOptional({ format: 'date', description: 'When the amount held back was paid' }) @IsOptional() @IsCalendarDate() held_back_paid_on?: string;
}
