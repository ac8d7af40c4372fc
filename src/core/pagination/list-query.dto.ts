import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-errors.js';

export const DEFAULT_PER_PAGE = 20;

/** Query integers in plain decimal only: `1e3`, `1.0`, `0x10` or `` are refused, not guessed. */
export const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : Number.NaN);

/** Query decimals: `12`, `12.5`; nothing else. */
export const toDecimal = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,12}(\.\d{1,6})?$/.test(value) ? Number(value) : Number.NaN);
export const MAX_PER_PAGE = 100;
const SORT_ORDERS = ['asc', 'desc'] as const;

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

  // Read by withSortAliases() before validation, which turns them into `sort`; declared for the document.
  @ApiPropertyOptional({ description: 'With `sort_order`, an alias of `sort`: a field of the same allow-list (not with `sort`)' })
  @IsOptional() @IsString()
  sort_by?: string;

  @ApiPropertyOptional({ enum: SORT_ORDERS, description: 'Direction for `sort_by` (default asc; alone: `created_at` in that direction)' })
  @IsOptional() @IsIn(SORT_ORDERS)
  sort_order?: string;
}

/**
 * `sort_by` + `sort_order` (the FairePlace dashboard's names) are aliases of `sort` on every list:
 * rewritten to `sort` before validation, so the one allow-list checks them and every list reads
 * `sort` alone. Both spellings at once is a 400.
 */
export function withSortAliases(query: Record<string, unknown>): Record<string, unknown> {
  const { sort_by: sortBy, sort_order: sortOrder, ...rest } = query;
  if (sortBy === undefined && sortOrder === undefined) return query;
  if (rest.sort !== undefined) throw ValidationFailedError.field('sort', 'Give either sort, or sort_by and sort_order, not both');
  if (sortOrder !== undefined && (typeof sortOrder !== 'string' || !(SORT_ORDERS as readonly string[]).includes(sortOrder.toLowerCase()))) {
    throw ValidationFailedError.field('sort_order', `sort_order must be one of ${SORT_ORDERS.join(', ')}`);
  }
  if (sortBy !== undefined && (typeof sortBy !== 'string' || !/^\w+$/.test(sortBy))) throw ValidationFailedError.field('sort_by', 'sort_by must be a field name');
  const descending = typeof sortOrder === 'string' && sortOrder.toLowerCase() === 'desc';
  return { ...rest, sort: `${descending ? '-' : ''}${(sortBy as string | undefined) ?? 'created_at'}` };
}

/** What paginate() reads: the common query plus the resource's validated sort. */
export type SortedListQuery = ListQueryDto & { sort?: string };

/**
 * The `sort` query parameter of a resource: `field` or `-field` from its allow-list only, so
 * nobody orders by arbitrary columns. Default `-created_at`.
 */
export function SortQuery(fields: readonly string[], defaultSort = '-created_at') {
  return applyDecorators(
    ApiPropertyOptional({
      enum: fields.flatMap((field) => [field, `-${field}`]),
      description: `\`field\` ascending or \`-field\` descending; default \`${defaultSort}\`, ties broken by id. \`sort_by\` + \`sort_order\` are aliases`,
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
