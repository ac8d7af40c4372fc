import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { newId } from '../../database/ids.js';
import { User } from './user.entity.js';
import { type CreateUserDto, type ListUsersQueryDto, type UpdateUserDto, USER_SORTS } from './users.dto.js';

@Injectable()
export class UsersService {
  constructor(private readonly context: TenantContext) {}

  private get repository() {
    return this.context.manager.getRepository(User);
  }

  list(query: ListUsersQueryDto): Promise<Page<User>> {
    const builder = this.repository.createQueryBuilder('user').where('user.tenant_id = :tenantId', { tenantId: this.context.tenantId });
    return paginate(builder, query, USER_SORTS);
  }

  async create(input: CreateUserDto): Promise<User> {
    const user = this.repository.create({
      tenant_id: this.context.tenantId,
      id: newId(),
      email: input.email,
      display_name: input.display_name,
      permissions: input.permissions,
      disabled_at: null,
    });
    await this.repository.insert(user);
    return user;
  }

  async findById(id: string): Promise<User> {
    const user = await this.repository.findOneBy({ tenant_id: this.context.tenantId, id });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Saving fires the auth-change trigger: every instance drops this user's cached keys. */
  async update(id: string, input: UpdateUserDto): Promise<User> {
    const user = await this.findById(id);
    if (input.display_name !== undefined) user.display_name = input.display_name;
    if (input.permissions !== undefined) user.permissions = input.permissions;
    if (input.disabled !== undefined) user.disabled_at = input.disabled ? (user.disabled_at ?? new Date()) : null;
    await this.repository.update(
      { tenant_id: this.context.tenantId, id },
      { display_name: user.display_name, permissions: user.permissions, disabled_at: user.disabled_at },
    );
    return this.findById(id);
  }
}
