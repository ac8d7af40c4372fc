import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { TenantContext } from './tenant-context.js';
import { TenantTransactions } from './tenant-transactions.js';

const WITHOUT_TENANT_TRANSACTION = 'tenancy:without-transaction';

/** For the rare route that opens its tenant transaction itself (e.g. creating a tenant). */
export const WithoutTenantTransaction = () => SetMetadata(WITHOUT_TENANT_TRANSACTION, true);

/**
 * Wraps each authenticated handler in its tenant's transaction. The transaction ends when the
 * handler's value is ready, before Nest serialises or streams it, so no response holds a
 * connection while bytes go out. Requests refused by a guard never reach here: no transaction.
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly context: TenantContext,
    private readonly transactions: TenantTransactions,
    private readonly reflector: Reflector,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = this.context.principal;
    const skip = this.reflector.getAllAndOverride<boolean>(WITHOUT_TENANT_TRANSACTION, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!principal || skip) return next.handle();
    return from(
      this.transactions.run(principal.tenantId, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }
}
