import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { newId } from '../../database/ids.js';
import { Tenant } from './tenant.entity.js';

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
    const tenant = repository.create({ id, name });
    await repository.insert(tenant);
    return tenant;
  }

  async getCurrent(): Promise<Tenant> {
    const tenant = await this.context.manager.getRepository(Tenant).findOneBy({ id: this.context.tenantId });
    if (!tenant) throw new NotFoundError('Tenant');
    return tenant;
  }
}
