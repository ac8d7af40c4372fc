import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { IS_INTERNAL, IS_PUBLIC, REQUIRED_PERMISSIONS } from './auth.decorators.js';
import type { Permission } from './permissions.js';

/**
 * Global guard after ApiKeyGuard: the key must hold every permission the route requires. It runs
 * before the tenant transaction opens, so a 403 never depends on (or reveals) stored data.
 * A key route without @RequirePermissions is refused: forgetting it must not open the route.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger(PermissionsGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly context: TenantContext,
  ) {}

  canActivate(execution: ExecutionContext): boolean {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_INTERNAL, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission[]>(REQUIRED_PERMISSIONS, targets);
    if (!required) {
      this.logger.error(`${execution.getClass().name}.${execution.getHandler().name} declares no permission`);
      throw new ForbiddenError([]);
    }
    const held = this.context.principal?.permissions;
    if (!held || !required.every((permission) => held.has(permission))) throw new ForbiddenError(required);
    return true;
  }
}
