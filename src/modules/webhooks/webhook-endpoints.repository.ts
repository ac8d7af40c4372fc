import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import type { ListWebhookEndpointsQueryDto } from './dto/webhook-endpoint.dto.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

@Injectable()
export class WebhookEndpointsRepository extends TenantRepository<WebhookEndpoint> {
  protected readonly entity = WebhookEndpoint;
  protected readonly alias = 'endpoint';
  protected readonly resource = 'Webhook endpoint';

  list(query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpoint>> {
    return paginate(this.whereEqual(this.scoped(), { enabled: query.enabled }), query, { created_at: 'endpoint.created_at' });
  }

  /** Serialises the data space's endpoint creations (the limit is counted, then a row added). */
  async lockCollection(): Promise<number> {
    await this.context.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`webhook_endpoints:${this.context.tenantId}`]);
    const [row] = (await this.context.manager.query(`SELECT count(*)::int AS count FROM webhook_endpoints WHERE tenant_id = $1`, [this.context.tenantId])) as { count: number }[];
    return row.count;
  }

  /** A failed attempt: failing since the oldest undelivered event (kept if already failing). */
  async markFailing(id: string, since: Date): Promise<{ failing_since: Date; enabled: boolean } | undefined> {
    const [rows] = (await this.context.manager.query(
      `UPDATE webhook_endpoints SET failing_since = LEAST(COALESCE(failing_since, $3), $3) WHERE tenant_id = $1 AND id = $2 RETURNING failing_since, enabled`,
      [this.context.tenantId, id, since],
    )) as [{ failing_since: Date; enabled: boolean }[], number];
    return rows[0];
  }

  /** A success: the endpoint is healthy again (no write when it already was). */
  async markHealthy(id: string): Promise<void> {
    await this.context.manager.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE tenant_id = $1 AND id = $2 AND failing_since IS NOT NULL`, [this.context.tenantId, id]);
  }

  /** Disables it once (the caller that wins gets the row, to announce it); undefined when it was already disabled. */
  async disable(id: string, at: Date, reason: string): Promise<WebhookEndpoint | undefined> {
    const [rows] = (await this.context.manager.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_at = $3, disabled_reason = $4 WHERE tenant_id = $1 AND id = $2 AND enabled RETURNING *`,
      [this.context.tenantId, id, at, reason],
    )) as [Record<string, unknown>[], number];
    return rows[0] ? this.hydrate(rows[0]) : undefined;
  }
}
