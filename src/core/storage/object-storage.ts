import type { Readable } from 'node:stream';

/**
 * Where file bytes live (uploads, generated PDFs), behind one interface: the local disk by
 * default, an S3-compatible bucket when configured. Keys are built by `storageKey` only, from the
 * tenant id, a kind and a server-made id: never from anything a client sent.
 */
export abstract class ObjectStorage {
  /** Stores bytes from memory. */
  abstract put(key: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  /** Stores a staged local file (an upload), moving it when possible. */
  abstract putFile(key: string, path: string, size: number, mediaType: string): Promise<void>;
  abstract get(key: string): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
  /** Removes every object of a data space (`<tenant id>/…`): the tenant erasure. */
  abstract deleteTenant(tenantId: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const STORAGE_KINDS = ['media', 'documents', 'exports'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export function storageKey(tenantId: string, kind: StorageKind, id: string): string {
  if (!UUID.test(tenantId) || !UUID.test(id)) throw new Error('Storage keys are made of UUIDs only');
  return `${tenantId}/${kind}/${id}`;
}

export function assertTenantId(tenantId: string): void {
  if (!UUID.test(tenantId)) throw new Error('A tenant id is a UUID');
}

export function assertStorageKey(key: string): void {
  const [tenantId, kind, id, ...rest] = key.split('/');
  if (rest.length > 0 || !(STORAGE_KINDS as readonly string[]).includes(kind) || storageKey(tenantId, kind as StorageKind, id) !== key) {
    throw new Error(`Invalid storage key ${key}`);
  }
}
