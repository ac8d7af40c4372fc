import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { MEDIA_ENTITY_TYPES, type MediaEntityType } from '../media.entity.js';

const TAG = /^[\p{L}\p{N}_.:-]{1,50}$/u;
/** `tags` arrives as repeated multipart fields or one comma-separated field. */
const toTags = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]).map((tag) => (typeof tag === 'string' ? tag.trim() : tag)).filter((tag) => tag !== '');

/** The text fields of the multipart upload (the file itself is the `file` part). */
export class UploadMediaDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, PNG, JPEG or WebP (decided from its bytes); at most MEDIA_MAX_BYTES (default 10 MiB)' })
  file?: unknown;

  @ApiProperty({ enum: MEDIA_ENTITY_TYPES }) @IsIn(MEDIA_ENTITY_TYPES) entity_type: MediaEntityType;
  @ApiProperty({ format: 'uuid', description: 'A resource of that type, of the same tenant' }) @IsUUID() entity_id: string;

  @ApiPropertyOptional({ type: [String], description: 'Repeated fields or comma-separated; letters, digits, _ . : -, up to 20' })
  @IsOptional() @Transform(toTags) @IsArray() @ArrayMaxSize(20) @Matches(TAG, { each: true, message: 'each tag must be 1 to 50 letters, digits, _ . : or -' })
  tags?: string[];

  @ApiPropertyOptional({ example: 'diagnostic', maxLength: 50 }) @IsOptional() @IsString() @Length(1, 50) role?: string;
}

export const MEDIA_SORTS = { created_at: 'media.created_at', filename: 'media.filename', size: 'media.size' } as const;

export class ListMediaQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: MEDIA_ENTITY_TYPES }) @IsOptional() @IsIn(MEDIA_ENTITY_TYPES) entity_type?: MediaEntityType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entity_id?: string;
  @ApiPropertyOptional({ description: 'Files carrying this tag' }) @IsOptional() @Matches(TAG) tag?: string;
  @SortQuery(Object.keys(MEDIA_SORTS)) sort?: string;
}
