import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from '../json/canonical-json.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { TenantTransactions } from '../tenancy/tenant-transactions.js';

const TTL = "interval '24 hours'";
/** A claim whose request never finished (crash) is taken over after this. */
const ABANDONED = "interval '5 minutes'";

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown; location: string | null }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

export interface StoredResponse {
  status: number;
  body: unknown;
  location: string | null;
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

/**
 * Idempotency records, per tenant. The claim is written in its own short transaction, visible to
 * a concurrent duplicate at once (409); the response is stored by the transaction that did the
 * work (both or neither), and kept 24 hours for replays.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly context: TenantContext,
  ) {}

  claim(tenantId: string, key: string, fingerprint: string): Promise<Claim> {
    return this.transactions.run(tenantId, async () => {
      const manager = this.context.manager;
      await manager.query(
        `DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2
            AND (expires_at <= now() OR (state = 'in_progress' AND updated_at < now() - ${ABANDONED}))`,
        [tenantId, key],
      );
      const inserted: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys (tenant_id, key, request_hash, state, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now() + ${TTL})
         ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
        [tenantId, key, fingerprint],
      );
      if (inserted.length > 0) return { kind: 'claimed' };
      const [row] = (await manager.query(
        `SELECT request_hash, state, response_status, response_body, location FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`,
        [tenantId, key],
      )) as { request_hash: string; state: string; response_status: number; response_body: unknown; location: string | null }[];
      if (!row) return { kind: 'in_progress' };
      if (row.request_hash !== fingerprint) return { kind: 'mismatch' };
      if (row.state !== 'done') return { kind: 'in_progress' };
      return { kind: 'replay', status: row.response_status, body: row.response_body, location: row.location };
    });
  }

  /** Stores the response in the transaction open now: the one that did the work. */
  async completeInTransaction(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.context.manager.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4, location = $5 WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key, response.status, JSON.stringify(response.body ?? null), response.location],
    );
  }

  /** For a handler that did its work without a transaction: stored in one of its own. */
  complete(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    return this.transactions.run(tenantId, () => this.completeInTransaction(tenantId, key, response));
  }

  /** A failed request leaves nothing behind: it may be retried with the same key. */
  async release(tenantId: string, key: string): Promise<void> {
    await this.transactions.run(tenantId, () => this.context.manager.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND state = 'in_progress'`, [tenantId, key]));
  }
}
