import { Injectable } from '@nestjs/common';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { User } from './user.entity.js';

@Injectable()
export class UsersRepository extends TenantRepository<User> {
  protected readonly entity = User;
  protected readonly alias = 'user';
  protected readonly resource = 'User';
}
