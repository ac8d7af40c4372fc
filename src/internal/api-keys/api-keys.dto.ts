import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
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

  @ApiPropertyOptional({ enum: EXPIRY_CHOICES, default: 'never' })
  @IsOptional() @IsIn(EXPIRY_CHOICES)
  expires_in?: ExpiryChoice;

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
