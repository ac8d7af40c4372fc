import { ApiKey } from '../internal/api-keys/api-key.entity.js';
import { Tenant } from '../internal/tenants/tenant.entity.js';
import { User } from '../internal/users/user.entity.js';
import { Owner } from '../modules/owners/owner.entity.js';

/** Every entity the API maps; a new module adds its entities here. */
export const ENTITIES = [Tenant, User, ApiKey, Owner];
