import { Injectable } from '@nestjs/common';
import { generateApiKey } from '../../core/auth/api-key-format.js';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { newId } from '../../database/ids.js';
import { UsersService } from '../users/users.service.js';
import { ApiKey } from './api-key.entity.js';
import { API_KEY_SORTS, type CreateApiKeyDto, type ExpiryChoice, type ListApiKeysQueryDto } from './api-keys.dto.js';

const DAY_MS = 86_400_000;
const EXPIRY_MS: Record<ExpiryChoice, number | null> = { never: null, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, '1y': 365 * DAY_MS };

/** The key and its stored metadata; `key` exists only in the creation response. */
export type CreatedApiKey = ApiKey & { key: string };

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly context: TenantContext,
    private readonly users: UsersService,
  ) {}

  private get repository() {
    return this.context.manager.getRepository(ApiKey);
  }

  list(query: ListApiKeysQueryDto): Promise<Page<ApiKey>> {
    const builder = this.repository.createQueryBuilder('key').where('key.tenant_id = :tenantId', { tenantId: this.context.tenantId });
    return paginate(builder, query, API_KEY_SORTS);
  }

  /** A key can never be granted more than its user holds: the subset is checked here and again at every use. */
  async create(input: CreateApiKeyDto): Promise<CreatedApiKey> {
    const user = await this.users.findById(input.user_id);
    if (user.disabled) throw new RuleViolationError('Cannot create a key for a disabled user');
    const excess = (input.permissions ?? []).filter((permission) => !user.permissions.includes(permission));
    if (excess.length > 0) {
      throw new ValidationFailedError(excess.map((permission) => ({ field: 'permissions', message: `the user does not hold ${permission}` })));
    }
    const generated = generateApiKey(input.environment ?? 'live');
    const lifetime = EXPIRY_MS[input.expires_in ?? 'never'];
    const apiKey = this.repository.create({
      tenant_id: this.context.tenantId,
      id: newId(),
      user_id: user.id,
      name: input.name,
      key_hash: generated.hash,
      prefix: generated.prefix,
      last4: generated.last4,
      environment: input.environment ?? 'live',
      permissions: input.permissions ?? null,
      expires_at: lifetime === null ? null : new Date(Date.now() + lifetime),
      last_used_at: null,
      revoked_at: null,
    });
    await this.repository.insert(apiKey);
    return Object.assign(apiKey, { key: generated.plaintext });
  }

  /** Revocation fires the auth-change trigger: every instance drops the key from its cache on commit. */
  async revoke(id: string): Promise<void> {
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set({ revoked_at: () => 'COALESCE(revoked_at, now())' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId: this.context.tenantId, id })
      .execute();
    if (!result.affected) throw new NotFoundError('API key');
  }
}
