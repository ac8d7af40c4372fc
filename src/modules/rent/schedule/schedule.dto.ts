import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ListQueryDto } from '../../../core/pagination/list-query.dto.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { RentCallLineDto } from '../calls/rent-call.entity.js';

export class ListScheduleQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Periods ending on or after this day (default: the lease\'s start)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Periods starting on or before this day (default: the lease\'s end, or a year from today)' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class SchedulePeriodView {
  @ApiProperty({ format: 'date' }) period_start: string;
  @ApiProperty({ format: 'date' }) period_end: string;
  @ApiProperty({ format: 'date', description: 'Payable in advance on this day' }) due_date: string;
  @ApiProperty({ example: 850.5 }) rent: number;
  @ApiProperty({ example: 60, description: 'Charges provision and recoverable charge rows' }) charges: number;
  @ApiProperty({ example: 910.5 }) total: number;
  @ApiProperty({ type: [RentCallLineDto] }) lines: RentCallLineDto[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) rent_call_id: string | null;
  @ApiProperty({ enum: ['NOT_CALLED', 'UNPAID', 'PARTIAL', 'PAID'] }) status: 'NOT_CALLED' | 'UNPAID' | 'PARTIAL' | 'PAID';
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Still owed for a called period' }) outstanding: number | null;
}
