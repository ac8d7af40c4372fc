import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { OptionalNotNull, OptionalNullable } from '../../../core/validation/validation.js';
import { IsMeasure } from '../../../core/validation/validators.js';
import { ROOM_TYPES } from '../room.entity.js';

export class CreateRoomDto {
  @ApiProperty({ enum: ROOM_TYPES }) @IsIn(ROOM_TYPES) room_type: (typeof ROOM_TYPES)[number];
  @ApiProperty({ example: 'Chambre 1', maxLength: 200 }) @IsString() @Length(1, 200) designation: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 12.5 }) @OptionalNullable() @IsMeasure(10_000) habitable_surface?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 11.8 }) @OptionalNullable() @IsMeasure(10_000) carrez_surface?: number | null;
}

export class UpdateRoomDto extends PartialType(OmitType(CreateRoomDto, ['room_type', 'designation'] as const)) {
  @ApiPropertyOptional({ enum: ROOM_TYPES }) @OptionalNotNull() @IsIn(ROOM_TYPES) room_type?: (typeof ROOM_TYPES)[number];
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) designation?: string;
}

export const ROOM_SORTS = { created_at: 'room.created_at', designation: 'room.designation', room_type: 'room.room_type' } as const;

export class ListRoomsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROOM_TYPES }) @IsOptional() @IsIn(ROOM_TYPES) room_type?: string;
  @SortQuery(Object.keys(ROOM_SORTS)) sort?: string;
}
