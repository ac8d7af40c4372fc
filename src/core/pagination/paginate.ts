import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PER_PAGE, type SortedListQuery } from './list-query.dto.js';
import { type Page, toPage } from './page.js';

/** API sort field → SQL expression; only these may be sorted on. */
export type SortableFields = Readonly<Record<string, string>>;

/**
 * The one list mechanism: sort from an allow-list (default `-created_at`, ties broken by id in the
 * same direction, so pages are stable), offset pagination, and the total from a window count in
 * the same query (one round trip; a second only when the page is past the end).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  list: SortedListQuery,
  sortable: SortableFields,
): Promise<Page<T>> {
  const page = list.page ?? 1;
  const perPage = list.per_page ?? list.limit ?? DEFAULT_PER_PAGE;
  const sort = list.sort ?? '-created_at';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = sortable[sort.replace(/^-/, '')];
  if (!column) throw new Error(`Sort ${sort} is not in the allow-list (the DTO must validate it)`);

  const alias = query.alias;
  query
    .addSelect('COUNT(*) OVER ()', 'total_count')
    .orderBy(column, direction)
    .addOrderBy(`${alias}.id`, direction)
    .offset((page - 1) * perPage)
    .limit(perPage);
  const { entities, raw } = await query.getRawAndEntities<{ total_count: string }>();
  const total = raw.length > 0 ? Number(raw[0].total_count) : page > 1 ? await query.offset(0).limit(1).getCount() : 0;
  return toPage(entities, total, page, perPage);
}
