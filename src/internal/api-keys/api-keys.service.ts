import { Injectable } from '@nestjs/common';
import { generateApiKey } from '../../core/auth/api-key-format.js';
import { RuleViolationError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { UsersService } from '../users/users.service.js';
import type { ApiKey } from './api-key.entity.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { API_KEY_SORTS, type CreateApiKeyDto, type ExpiryChoice, type ListApiKeysQueryDto } from './api-keys.dto.js';
import { MS_PER_DAY } from '../../core/time/instants.js';

const EXPIRY_MS: Record<ExpiryChoice, number | null> = { never: null, '30d': 30 * MS_PER_DAY, '90d': 90 * MS_PER_DAY, '1y': 365 * MS_PER_DAY };

/** The key and its stored metadata; `key` exists only in the creation response. */
export type CreatedApiKey = ApiKey & { key: string };

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly users: UsersService,
  ) {}

  list(query: ListApiKeysQueryDto): Promise<Page<ApiKey>> {
    return this.apiKeys.page(query, API_KEY_SORTS);
  }

  /** A key can never be granted more than its user holds: the subset is checked here and again at every use. */
  async create(input: CreateApiKeyDto): Promise<CreatedApiKey> {
    const user = await this.users.findById(input.user_id);
    if (user.disabled_at) throw new RuleViolationError('Cannot create a key for a disabled user');
    const excess = (input.permissions ?? []).filter((permission) => !user.permissions.includes(permission));
    if (excess.length > 0) {
      throw new ValidationFailedError(excess.map((permission) => ({ field: 'permissions', message: `the user does not hold ${permission}` })));
    }
    const generated = generateApiKey(input.environment ?? 'live');
    const expiresAt = expiryOf(input);
    const apiKey = await this.apiKeys.insert({
      user_id: user.id,
      name: input.name,
      key_hash: generated.hash,
      prefix: generated.prefix,
      last4: generated.last4,
      environment: input.environment ?? 'live',
      permissions: input.permissions ?? null,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    return Object.assign(apiKey, { key: generated.plaintext });
  }

  /** Revocation fires the auth-change trigger: every instance drops the key from its cache on commit. */
  revoke(id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}

/** `expires_in` (a lifetime from now) or `expires_at` (a future instant), never both; neither: never expires. */
function expiryOf(input: CreateApiKeyDto): Date | null {
  if (input.expires_at !== undefined && input.expires_in !== undefined) {
    throw ValidationFailedError.field('expires_at', 'Give either expires_in or expires_at, not both');
  }
  if (input.expires_at !== undefined) {
    const expiresAt = new Date(input.expires_at);
    if (Number.isNaN(expiresAt.getTime())) throw ValidationFailedError.field('expires_at', 'expires_at must be a valid date-time');
    if (expiresAt.getTime() <= Date.now()) throw ValidationFailedError.field('expires_at', 'expires_at must be in the future');
    return expiresAt;
  }
  const lifetime = EXPIRY_MS[input.expires_in ?? 'never'];
  return lifetime === null ? null : new Date(Date.now() + lifetime);
}
