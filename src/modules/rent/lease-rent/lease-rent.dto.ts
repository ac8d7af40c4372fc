import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { LeaseRentChange } from './lease-rent-change.entity.js';

export class ChangeRentDto {
  @ApiProperty({ example: 880, description: 'New rent per period, euros' }) @IsMoney() rent_amount: number;
  @ApiPropertyOptional({ example: 60, description: 'New charges provision per period; absent: unchanged' }) @IsOptional() @IsMoney() charges_amount?: number;
  @ApiProperty({ format: 'date', example: '2027-09-01', description: 'From when the new figures apply' }) @IsCalendarDate() effective_date: string;
  @ApiProperty({ enum: ['amendment', 'correction'], description: 'Revisions go through /rent-revisions' }) @IsIn(['amendment', 'correction']) reason: 'amendment' | 'correction';
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

class ContractRentDto {
  @ApiProperty({ example: 850 }) rent_amount: number;
  @ApiProperty({ example: 60 }) charges_amount: number;
  @ApiProperty({ format: 'date' }) effective_date: string;
}

export class RentView {
  @ApiProperty({ example: 858.84, description: 'Rent per period in force today' }) rent_amount: number;
  @ApiProperty({ example: 60, description: 'Charges provision per period in force today' }) charges_amount: number;
  @ApiProperty({ type: ContractRentDto, description: 'The contract\'s figures, from its start' }) contract: ContractRentDto;
  @ApiProperty({ type: [LeaseRentChange], description: 'Every change since, oldest first' }) changes: LeaseRentChange[];
}
