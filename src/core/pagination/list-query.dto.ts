import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';

export const DEFAULT_PER_PAGE = 20;

/** Query integers in plain decimal only: `1e3`, `1.0`, `0x10` or `` are refused, not guessed. */
export const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : Number.NaN);

/** Query decimals: `12`, `12.5`; nothing else. */
export const toDecimal = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,12}(\.\d{1,6})?$/.test(value) ? Number(value) : Number.NaN);
export const MAX_PER_PAGE = 100;

/** A query timestamp: ISO-8601 with its zone (`2026-11-27T10:00:00Z`) or a day (`2026-11-27`, midnight UTC); anything else is refused. */
export const toInstant = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? new Date(value) : new Date(Number.NaN);

/**
 * Query of every list (SPEC section 5). Resources extend it with their filters and a `sort`
 * declared with @SortQuery(allow-list). Out-of-range values are a 400 VALIDATION_ERROR, never a silent clamp.
 */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(MAX_PER_PAGE)
  per_page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_PAGE, description: 'Alias of per_page' })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(MAX_PER_PAGE)
  limit?: number;
}

/** What paginate() reads: the common query plus the resource's validated sort. */
export type SortedListQuery = ListQueryDto & { sort?: string };

/**
 * The `sort` query parameter of a resource: `field` or `-field` from its allow-list only, so
 * nobody orders by arbitrary columns. Default `-created_at`.
 */
export function SortQuery(fields: readonly string[]) {
  return applyDecorators(
    ApiPropertyOptional({
      enum: fields.flatMap((field) => [field, `-${field}`]),
      description: '`field` ascending or `-field` descending; default `-created_at`, ties broken by id',
    }),
    IsOptional(),
    IsSortKey(fields),
  );
}

function IsSortKey(fields: readonly string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSortKey',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && fields.includes(value.replace(/^-/, '')),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'sort'} must be one of ${fields.map((f) => `${f}, -${f}`).join(', ')}`,
      },
    });
}
