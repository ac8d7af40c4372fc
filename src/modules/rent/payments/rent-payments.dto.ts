import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Min } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { IsCalendarDate, IsMoney } from '../../../core/validation/validators.js';
import { PAYMENT_METHODS, type PaymentMethod } from './rent-payment.entity.js';

export class RecordPaymentDto {
  @ApiProperty({ example: 910.5, description: 'Euros, 2 decimals, more than 0' }) @IsMoney() @Min(0.01) amount: number;
  @ApiProperty({ format: 'date', example: '2027-03-04' }) @IsCalendarDate() received_on: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) method: PaymentMethod;
  @ApiPropertyOptional({ example: 'VIR LOYER MARS', maxLength: 140 }) @IsOptional() @IsString() @Length(1, 140) reference?: string;
}

export class ReversePaymentDto {
  @ApiProperty({ format: 'date', example: '2027-03-12', description: 'When the money was taken back (a bounced cheque) or the mistake found' }) @IsCalendarDate() reversed_on: string;
  @ApiPropertyOptional({ example: 'Chèque impayé', maxLength: 140 }) @IsOptional() @IsString() @Length(1, 140) reason?: string;
}

export class ListRentPaymentsQueryDto extends ListQueryDto {
  @SortQuery(['received_on', 'created_at']) sort?: string;
}
