import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../core/audit/audit-trail.js';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { newId } from '../../database/ids.js';
import { Tenant } from './tenant.entity.js';
import type { UpdateTenantDto } from './tenants.dto.js';

@Injectable()
export class TenantsService {
  constructor(
    private readonly context: TenantContext,
    private readonly transactions: TenantTransactions,
    private readonly audit: AuditTrail,
  ) {}

  /** A new tenant and its sandbox twin, in the new tenant's own transaction. */
  create(name: string): Promise<Tenant> {
    const id = newId();
    return this.transactions.run(id, () => this.insert(id, name));
  }

  /**
   * Inside an open transaction of tenant `id` (onboarding creates more in the same one). Tenants
   * come in pairs, through one SECURITY DEFINER function: the twin's row is not this tenant's.
   */
  async insert(id: string, name: string): Promise<Tenant> {
    await this.context.manager.query('SELECT app.create_tenant($1, $2, $3)', [id, newId(), name]);
    const tenant = await this.getCurrent();
    this.audit.created('tenants', { ...tenant });
    return tenant;
  }

  /** Saving fires the auth-change trigger: every instance re-reads the tenant's limit at once. */
  async update(patch: UpdateTenantDto): Promise<Tenant> {
    const before = await this.getCurrent();
    if (Object.keys(patch).length === 0) return before;
    await this.context.manager.getRepository(Tenant).update({ id: this.context.tenantId }, patch);
    const after = await this.getCurrent();
    this.audit.updated('tenants', { ...before }, { ...after });
    return after;
  }

  async getCurrent(): Promise<Tenant> {
    const tenant = await this.context.manager.getRepository(Tenant).findOneBy({ id: this.context.tenantId });
    if (!tenant) throw new NotFoundError('Tenant');
    return tenant;
  }
}
