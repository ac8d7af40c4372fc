import { Injectable } from '@nestjs/common';
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
    return this.getCurrent();
  }

  /** Saving fires the auth-change trigger: every instance re-reads the tenant's limit at once. */
  async update(patch: UpdateTenantDto): Promise<Tenant> {
    await this.getCurrent();
    if (Object.keys(patch).length > 0) await this.context.manager.getRepository(Tenant).update({ id: this.context.tenantId }, patch);
    return this.getCurrent();
  }

  async getCurrent(): Promise<Tenant> {
    const tenant = await this.context.manager.getRepository(Tenant).findOneBy({ id: this.context.tenantId });
    if (!tenant) throw new NotFoundError('Tenant');
    return tenant;
  }
}
