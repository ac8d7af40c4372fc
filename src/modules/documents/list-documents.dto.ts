import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import type { SortableFields } from '../../core/pagination/paginate.js';

export const DOCUMENT_SORTS: SortableFields = { created_at: 'document.created_at', version: 'document.version', kind: 'document.kind' };

/** A lease's documents: a list like every list (newest first by default). */
export class ListLeaseDocumentsQueryDto extends ListQueryDto {
  @SortQuery(Object.keys(DOCUMENT_SORTS))
  sort?: string;
}
