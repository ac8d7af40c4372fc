import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { TenantSuspendedError, UnauthorizedError } from '../errors/domain-errors.js';
import { type Principal, TenantContext } from '../tenancy/tenant-context.js';
import { IS_INTERNAL, IS_PUBLIC } from './auth.decorators.js';

/**
 * Global guard: every route needs a valid API key unless it is @Public() or internal (the
 * internal API has its own token guard, and API keys never work there).
 */
@Injectable()
export class ApiKeyGuard extends AuthGuard('api-key') {
  constructor(
    private readonly reflector: Reflector,
    private readonly context: TenantContext,
  ) {
    super();
  }

  override canActivate(execution: ExecutionContext) {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_INTERNAL, targets)) return true;
    return super.canActivate(execution);
  }

  /**
   * A lookup that failed (database down) is not a bad key: rethrown, it becomes a 503 the client
   * retries, instead of a 401 telling it its key is wrong.
   */
  override handleRequest<T = Principal>(error: unknown, principal: T | false, _info?: unknown, execution?: ExecutionContext): T {
    if (error) throw error;
    if (!principal) throw new UnauthorizedError();
    const { suspendedReason } = principal as unknown as Principal;
    if (suspendedReason !== undefined) {
      // Refused, but known: the request log records the refusal under its tenant.
      if (execution) execution.switchToHttp().getRequest<{ user?: unknown }>().user = principal;
      throw new TenantSuspendedError(suspendedReason);
    }
    this.context.setPrincipal(principal as unknown as Principal);
    return principal;
  }
}
