import { ApiProperty } from '@nestjs/swagger';
import { DEFAULT_PER_PAGE } from './list-query.dto.js';

export class PaginationMetaDto {
  @ApiProperty({ example: 1 }) current_page: number;
  @ApiProperty({ example: 20 }) per_page: number;
  @ApiProperty({ example: 57 }) total: number;
  @ApiProperty({ example: 3 }) total_pages: number;
  @ApiProperty({ example: true }) has_next: boolean;
  @ApiProperty({ example: false }) has_prev: boolean;
}

export interface Page<T> {
  data: T[];
  meta: { pagination: PaginationMetaDto };
}

export function toPage<T>(data: T[], total: number, page: number, perPage: number): Page<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    data,
    meta: {
      pagination: {
        current_page: page,
        per_page: perPage,
        total,
        total_pages: totalPages,
        has_next: page < totalPages,
        has_prev: page > 1,
      },
    },
  };
}

/** A short list that is never paged (a catalogue of five packages, one lessee's roles): everything on page 1. */
export function wholePage<T>(data: T[]): Page<T> {
  return toPage(data, data.length, 1, Math.max(data.length, 1));
}

/**
 * A short list already in memory, in its own order, paged as its query asks (`page`, `per_page`
 * or `limit`): a list that accepts those parameters honours them, it does not answer page 1.
 */
export function pageOf<T>(items: T[], query: { page?: number; per_page?: number; limit?: number }): Page<T> {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? query.limit ?? DEFAULT_PER_PAGE;
  return toPage(items.slice((page - 1) * perPage, page * perPage), items.length, page, perPage);
}
