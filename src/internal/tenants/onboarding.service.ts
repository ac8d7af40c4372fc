import { Injectable } from '@nestjs/common';
import { PERMISSIONS } from '../../core/auth/permissions.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { newId } from '../../database/ids.js';
import { ApiKeysService, type CreatedApiKey } from '../api-keys/api-keys.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { Tenant } from './tenant.entity.js';
import { TenantsService } from './tenants.service.js';

export interface OnboardedTenant {
  tenant: Tenant;
  admin: User;
  apiKey: CreatedApiKey;
}

/**
 * A working tenant in one transaction: the tenant, an admin holding every permission, a live key.
 * Used by `npm run tenant:create` and the embedded demo, through the same services as the API.
 */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly tenants: TenantsService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  createTenantWithAdmin(name: string, adminEmail = 'admin@example.com'): Promise<OnboardedTenant> {
    const id = newId();
    return this.transactions.run(id, async () => {
      const tenant = await this.tenants.insert(id, name);
      const admin = await this.users.create({ email: adminEmail, display_name: 'Administrator', permissions: [...PERMISSIONS] });
      const apiKey = await this.apiKeys.create({ user_id: admin.id, name: 'Initial admin key', environment: 'live' });
      return { tenant, admin, apiKey };
    });
  }
}
