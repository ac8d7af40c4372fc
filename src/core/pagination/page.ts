import { ApiProperty } from '@nestjs/swagger';

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

/** A short list that is never paged (a lease's parties, its documents): everything on page 1. */
export function wholePage<T>(data: T[]): Page<T> {
  return toPage(data, data.length, 1, Math.max(data.length, 1));
}
