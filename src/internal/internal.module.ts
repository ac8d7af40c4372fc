import { Module } from '@nestjs/common';
import { TenantAuditEventsController } from './audit/tenant-audit-events.controller.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { CreditsModule } from '../modules/credits/credits.module.js';
import { RequestLogApiModule } from '../modules/request-log/request-log-api.module.js';
import { UsageModule } from '../modules/usage/usage.module.js';
import { TenantDashboardController } from './tenants/tenant-dashboard.controller.js';
import { TenantDirectoryService } from './tenants/tenant-directory.service.js';
import { TenantSuspensionService } from './tenants/tenant-suspension.service.js';
import { CreditGrantsController } from './credits/credit-grants.controller.js';
import { RentIndicesController } from './rent-indices/rent-indices.controller.js';
import { InternalTokenGuard } from './internal-token.guard.js';
import { OutboxController } from './outbox/outbox.controller.js';
import { PaymentsInternalController } from './payments/payments-internal.controller.js';
import { OnboardingService } from './tenants/onboarding.service.js';
import { TenantsController } from './tenants/tenants.controller.js';
import { TenantDataModule } from './tenant-data/tenant-data.module.js';
import { TenantsService } from './tenants/tenants.service.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/** The dashboard backend's API (SPEC section 7): tenants (directory, suspension, usage, request log, export, erasure), users, API keys, outbox, manual payments, sandbox credits, the IRL catalogue, the audit trail. */
@Module({
  imports: [CreditsModule, TenantDataModule, UsageModule, RequestLogApiModule],
  controllers: [TenantDashboardController, TenantsController, TenantAuditEventsController, UsersController, ApiKeysController, OutboxController, PaymentsInternalController, CreditGrantsController, RentIndicesController],
  providers: [InternalTokenGuard, TenantsService, TenantDirectoryService, TenantSuspensionService, UsersRepository, UsersService, ApiKeysRepository, ApiKeysService, OnboardingService],
  exports: [OnboardingService],
})
export class InternalModule {}
