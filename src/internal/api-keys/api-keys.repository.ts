import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { ApiKey } from './api-key.entity.js';

@Injectable()
export class ApiKeysRepository extends TenantRepository<ApiKey> {
  protected readonly entity = ApiKey;
  protected readonly alias = 'key';
  protected readonly resource = 'API key';

  /** Idempotent: a revoked key keeps its first revocation time. */
  async revoke(id: string): Promise<void> {
    const revoked = await this.rawUpdate('api_keys', id, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE tenant_id = $1 AND id = $2 RETURNING *`, [this.context.tenantId, id]);
    if (!revoked) throw new NotFoundError(this.resource);
  }
}
