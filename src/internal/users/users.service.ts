import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import type { User } from './user.entity.js';
import { type CreateUserDto, type ListUsersQueryDto, type UpdateUserDto, USER_SORTS } from './users.dto.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  list(query: ListUsersQueryDto): Promise<Page<User>> {
    return this.users.page(query, USER_SORTS);
  }

  create(input: CreateUserDto): Promise<User> {
    return this.users.insert({ email: input.email, display_name: input.display_name, permissions: input.permissions, disabled_at: null });
  }

  findById(id: string): Promise<User> {
    return this.users.getById(id);
  }

  /** Saving fires the auth-change trigger: every instance drops this user's cached keys. */
  async update(id: string, input: UpdateUserDto): Promise<User> {
    const user = await this.users.lockById(id);
    const disabled_at = input.disabled === undefined ? undefined : input.disabled ? (user.disabled_at ?? new Date()) : null;
    return this.users.update(id, { display_name: input.display_name, permissions: input.permissions, disabled_at });
  }
}
