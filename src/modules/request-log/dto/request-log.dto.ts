import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ListQueryDto } from '../../../core/pagination/list-query.dto.js';

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;

/** Filters of the request log (SPEC section 5 paging); always newest first. */
export class ListRequestsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: STATUS_CLASSES, description: 'Status class of the answer' })
  @IsOptional() @IsIn(STATUS_CLASSES)
  status_class?: (typeof STATUS_CLASSES)[number];

  @ApiPropertyOptional({ example: '/api/owners/:id', description: 'Route template, exactly as listed in `route`' })
  @IsOptional() @IsString() @Length(1, 300)
  route?: string;

  @ApiPropertyOptional({ example: 'fp_live_4Fq2', description: 'The key prefix (first 12 characters of the key)' })
  @IsOptional() @IsString() @Matches(/^fp_(live|sandbox)_[A-Za-z0-9]{0,8}$/, { message: 'key_prefix must be the start of a key (fp_live_… or fp_sandbox_…)' })
  key_prefix?: string;

  @ApiPropertyOptional({ example: '0190f1c2-7a3b-7c1d-9e2f-3a4b5c6d7e8f', description: 'The X-Request-Id of the answer' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'request_id must be 1-64 letters, digits, dots, dashes or underscores' })
  request_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time (inclusive)' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this time (exclusive)' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

/** One recorded request: what came in and what went out. Never a body, a query string or a header other than the user agent. */
export class RequestLogLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When the request arrived' }) created_at: string;
  @ApiProperty({ description: 'The X-Request-Id the answer carried' }) request_id: string;
  @ApiProperty({ type: String, nullable: true, example: 'fp_live_4Fq2' }) key_prefix: string | null;
  @ApiProperty({ example: 'GET' }) method: string;
  @ApiProperty({ type: String, nullable: true, example: '/api/owners/:id', description: 'Route template; null when no route matched' }) route: string | null;
  @ApiProperty({ example: '/api/owners/0190f1c2-7a3b-7c1d-9e2f-3a4b5c6d7e8f', description: 'Path, without the query string' }) path: string;
  @ApiProperty({ example: 200 }) status: number;
  @ApiProperty({ type: String, nullable: true, example: 'NOT_FOUND', description: 'The error envelope\'s type, for errors' }) error_type: string | null;
  @ApiProperty({ example: 3.25, description: 'Time to answer, in milliseconds' }) duration_ms: number;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) client_ip: string | null;
  @ApiProperty({ type: String, nullable: true }) user_agent: string | null;
}
