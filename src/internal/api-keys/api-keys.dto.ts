import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PERMISSIONS, type Permission } from '../../core/auth/permissions.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import { ApiKey } from './api-key.entity.js';

export const EXPIRY_CHOICES = ['never', '30d', '90d', '1y'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'The user the key acts for' })
  @IsUUID()
  user_id: string;

  @ApiProperty({ example: 'CRM sync' })
  @IsString() @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ enum: EXPIRY_CHOICES, default: 'never', description: 'Not with `expires_at`' })
  @IsOptional() @IsIn(EXPIRY_CHOICES)
  expires_in?: ExpiryChoice;

  @ApiPropertyOptional({ format: 'date-time', example: '2027-06-30T23:59:59Z', description: 'An explicit expiry, in the future, with its time zone (`Z` or an offset); not with `expires_in`' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }) @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'expires_at must be a date-time with a time zone (Z or ±hh:mm)' })
  expires_at?: string;

  @ApiPropertyOptional({ enum: ['live', 'sandbox'], default: 'live' })
  @IsOptional() @IsIn(['live', 'sandbox'])
  environment?: 'live' | 'sandbox';

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true, description: 'A subset of the user\'s permissions; omitted: all of them' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];
}

export class CreatedApiKeyDto extends ApiKey {
  @ApiProperty({ description: 'The key itself. Shown in this response only; store it now.' })
  key: string;
}

export const API_KEY_SORTS = { created_at: 'key.created_at', name: 'key.name' } as const;

export class ListApiKeysQueryDto extends ListQueryDto {
  @SortQuery(Object.keys(API_KEY_SORTS))
  sort?: string;
}
