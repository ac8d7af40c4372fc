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

  /** A new tenant is written under its own id: RLS checks the insert like any other. */
  create(name: string): Promise<Tenant> {
    const id = newId();
    return this.transactions.run(id, () => this.insert(id, name));
  }

  /** Inside an open transaction of tenant `id` (used by onboarding to create more in the same one). */
  async insert(id: string, name: string): Promise<Tenant> {
    const repository = this.context.manager.getRepository(Tenant);
    const tenant = repository.create({ id, name, rate_limit_per_hour: null });
    await repository.insert(tenant);
    return tenant;
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
