import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { CREDIT_TRANSACTION_TYPES } from '../credit.entities.js';

export class BalanceDto {
  @ApiProperty({ example: 12 }) balance: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-27T10:00:00.000Z' }) updated_at: Date | null;
}

/** The data of `credits.balance_low`: the balance as `GET /api/credits/balance` answers it, and the threshold it fell below. */
export class BalanceLowDto extends BalanceDto {
  @ApiProperty({ example: 3, description: 'CREDITS_LOW_BALANCE_THRESHOLD: the balance went from this or more to below it' }) threshold: number;
}

export class ListCreditTransactionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CREDIT_TRANSACTION_TYPES }) @IsOptional() @IsIn(CREDIT_TRANSACTION_TYPES) type?: string;
  @SortQuery(['created_at']) sort?: string;
}

const URL_OPTIONS = { protocols: ['https', 'http'], require_protocol: true, require_tld: false };

export class PurchaseCreditsDto {
  @ApiProperty({ example: 'credits_5', description: 'From GET /api/credits/packages' }) @IsString() @MaxLength(50) package_id: string;
  @ApiProperty({ example: 'https://app.example.fr/credits/ok' }) @IsUrl(URL_OPTIONS) @MaxLength(2000) success_url: string;
  @ApiProperty({ example: 'https://app.example.fr/credits/cancel' }) @IsUrl(URL_OPTIONS) @MaxLength(2000) cancel_url: string;
}

export class ListPaymentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed', 'canceled'] }) @IsOptional() @IsIn(['pending', 'succeeded', 'failed', 'canceled']) status?: string;
  @SortQuery(['created_at']) sort?: string;
}
