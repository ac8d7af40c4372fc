import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so new rows land at the right edge of the (tenant_id, id) index. */
export const newId = (): string => v7();
