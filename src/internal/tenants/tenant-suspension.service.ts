import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../core/audit/audit-trail.js';
import { PausedTenants } from '../../core/jobs/paused-tenants.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import type { Tenant } from './tenant.entity.js';
import type { SuspendTenantDto } from './tenant-dashboard.dto.js';
import { TenantsService } from './tenants.service.js';

/**
 * Suspending a tenant changes its row only: nothing of its data. The auth-change trigger fires on
 * commit, so every instance drops the tenant's cached keys (live and sandbox) and the next lookup
 * answers TENANT_SUSPENDED, within a second, like a revocation. Its background jobs wait
 * (src/core/jobs); provider webhooks and the internal API are not keyed, so they still work.
 * Both calls are idempotent: suspending again updates the reasons, reactivating an active tenant
 * changes nothing.
 */
@Injectable()
export class TenantSuspensionService {
  constructor(
    private readonly context: TenantContext,
    private readonly tenants: TenantsService,
    private readonly paused: PausedTenants,
    private readonly audit: AuditTrail,
  ) {}

  async suspend({ reason, public_reason: publicReason }: SuspendTenantDto): Promise<Tenant> {
    const before = await this.tenants.getCurrent();
    await this.context.manager.query(
      `UPDATE tenants SET suspended_at = COALESCE(suspended_at, now()), suspension_reason = $2, suspension_public_reason = $3
        WHERE id = $1`,
      [this.context.tenantId, reason, publicReason ?? null],
    );
    return this.changed(before);
  }

  async reactivate(): Promise<Tenant> {
    const before = await this.tenants.getCurrent();
    await this.context.manager.query(
      `UPDATE tenants SET suspended_at = NULL, suspension_reason = NULL, suspension_public_reason = NULL
        WHERE id = $1 AND suspended_at IS NOT NULL`,
      [this.context.tenantId],
    );
    return this.changed(before);
  }

  /** The tenant as it is now, its change recorded in the audit trail; the job pause list re-read after commit. */
  private async changed(before: Tenant): Promise<Tenant> {
    const after = await this.tenants.getCurrent();
    this.audit.updated('tenants', { ...before }, { ...after });
    this.context.afterCommit(async () => this.paused.forget());
    return after;
  }
}
