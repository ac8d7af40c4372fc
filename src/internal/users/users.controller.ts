import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi } from '../internal-token.guard.js';
import { User } from './user.entity.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('internal: users')
@InternalApi()
@Controller('internal/tenants/:tenant_id/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiPage(User)
  @ApiErrors(400, 401)
  list(@UuidParam('tenant_id') _tenantId: string, @Query() query: ListUsersQueryDto): Promise<Page<User>> {
    return this.users.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: User })
  @ApiErrors(400, 401, 404, 409)
  create(@UuidParam('tenant_id') _tenantId: string, @Body() body: CreateUserDto): Promise<User> {
    return this.users.create(body);
  }

  @Put(':user_id')
  @ApiOkResponse({ type: User })
  @ApiErrors(400, 401, 404)
  update(
    @UuidParam('tenant_id') _tenantId: string,
    @UuidParam('user_id') userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<User> {
    return this.users.update(userId, body);
  }
}
