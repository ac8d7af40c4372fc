import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { PERMISSIONS, type Permission } from '../../core/auth/permissions.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import { OptionalNotNull } from '../../core/validation/validation.js';

export class CreateUserDto {
  @ApiProperty({ example: 'alice@example.com' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Alice Martin' })
  @IsString() @Length(1, 200)
  display_name: string;

  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  @IsArray() @ArrayUnique() @IsIn(PERMISSIONS, { each: true })
  permissions: Permission[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Alice Martin' })
  @OptionalNotNull() @IsString() @Length(1, 200)
  display_name?: string;

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true })
  @OptionalNotNull() @IsArray() @ArrayUnique() @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];

  @ApiPropertyOptional({ description: 'true disables the user and, at once, every key they created' })
  @OptionalNotNull() @IsBoolean()
  disabled?: boolean;
}

export const USER_SORTS = { created_at: 'user.created_at', email: 'user.email' } as const;

export class ListUsersQueryDto extends ListQueryDto {
  @SortQuery(Object.keys(USER_SORTS))
  sort?: string;
}
