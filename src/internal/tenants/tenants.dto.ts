import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull, OptionalNullable } from '../../core/validation/validation.js';

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Gestion', minLength: 1, maxLength: 200 })
  @IsString() @Length(1, 200)
  name: string;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Gestion' }) @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Requests per hour for this tenant; null: back to the default' })
  @OptionalNullable() @IsInt() @Min(1) @Max(1_000_000_000)
  rate_limit_per_hour?: number | null;
}
