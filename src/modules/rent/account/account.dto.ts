import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { ListQueryDto, toDecimal, toInteger } from '../../../core/pagination/list-query.dto.js';
import { IsMoney } from '../../../core/validation/validators.js';

class AccountLineDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: ['rent_call', 'payment', 'reversal'] }) type: 'rent_call' | 'payment' | 'reversal';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Avis d\'échéance du 2027-03-01 au 2027-03-31' }) label: string;
  @ApiProperty({ example: 910.5, description: 'Owed by this line, euros' }) debit: number;
  @ApiProperty({ example: 0, description: 'Received by this line, euros' }) credit: number;
  @ApiProperty({ example: 910.5, description: 'Balance after this line: > 0 owed, < 0 a credit' }) balance: number;
}

class AccountPeriodDto {
  @ApiProperty({ format: 'uuid' }) rent_call_id: string;
  @ApiProperty({ format: 'date' }) period_start: string;
  @ApiProperty({ format: 'date' }) due_date: string;
  @ApiProperty({ example: 910.5 }) total: number;
  @ApiProperty({ example: 500 }) paid: number;
  @ApiProperty({ example: 410.5 }) outstanding: number;
  @ApiProperty({ enum: ['PAID', 'PARTIAL', 'UNPAID'] }) status: 'PAID' | 'PARTIAL' | 'UNPAID';
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) paid_in_full_on: string | null;
  @ApiProperty({ description: 'Past its due date and not paid in full' }) overdue: boolean;
}

export class AccountView {
  @ApiProperty({ format: 'uuid' }) lease_id: string;
  @ApiProperty({ example: 410.5, description: 'Calls − money received: > 0 owed, < 0 a credit' }) balance: number;
  @ApiProperty({ example: 0, description: 'Money received beyond every call so far, used by the next ones' }) credit: number;
  @ApiProperty({ example: 410.5, description: 'Owed on periods past their due date' }) overdue: number;
  @ApiProperty({ type: [AccountPeriodDto], description: 'Each called period and how it stands (money pays the oldest first, charges before rent)' }) periods: AccountPeriodDto[];
  @ApiProperty({ type: [AccountLineDto], description: 'The ledger, oldest first' }) lines: AccountLineDto[];
}

export class ArrearsRow {
  @ApiProperty({ format: 'uuid' }) lease_id: string;
  @ApiProperty({ example: 410.5, description: 'Owed on periods past their due date, euros' }) overdue_amount: number;
  @ApiProperty({ format: 'date', description: 'Due date of the oldest period not paid in full' }) oldest_due_date: string;
  @ApiProperty({ example: 23 }) days_late: number;
}

export class ListArrearsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 100, description: 'Only leases owing at least this (euros)' })
  @IsOptional() @Transform(toDecimal) @IsMoney()
  min_amount?: number;

  @ApiPropertyOptional({ example: 30, description: 'Only leases whose oldest unpaid period is at least this many days late' })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(36500)
  min_days_late?: number;

  @ApiPropertyOptional({ enum: ['amount', '-amount', 'days_late', '-days_late'], default: '-amount' })
  @IsOptional() @IsIn(['amount', '-amount', 'days_late', '-days_late'])
  sort?: string;
}
