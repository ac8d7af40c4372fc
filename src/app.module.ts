import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import { AppConfig } from './config/app-config.js';
import { AuthModule } from './core/auth/auth.module.js';
import { NotificationsModule } from './core/notifications/notifications.module.js';
import { StorageModule } from './core/storage/storage.module.js';
import { Clock } from './core/time/clock.js';
import { Dependants } from './core/relations/dependants.js';
import { References } from './core/relations/references.js';
import { ErrorEnvelopeFilter } from './core/errors/error-envelope.filter.js';
import { LocationInterceptor } from './core/http/location.interceptor.js';
import { IdempotencyInterceptor } from './core/idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './core/idempotency/idempotency.store.js';
import { UploadStagingInterceptor } from './core/uploads/upload-staging.interceptor.js';
import { TenantTransactionInterceptor } from './core/tenancy/tenant-transaction.interceptor.js';
import { JobsModule } from './core/jobs/jobs.module.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { TenancyModule } from './core/tenancy/tenancy.module.js';
import { DatabaseModule } from './database/database.module.js';
import { InternalModule } from './internal/internal.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ContactsModule } from './modules/contacts/contacts.module.js';
import { EquipmentModule } from './modules/equipment/equipment.module.js';
import { EstatesModule } from './modules/estates/estates.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { LeasesModule } from './modules/leases/leases.module.js';
import { CreditsModule } from './modules/credits/credits.module.js';
import { MediaModule } from './modules/media/media.module.js';
import { SignaturesModule } from './modules/signatures/signatures.module.js';
import { LesseesModule } from './modules/lessees/lessees.module.js';
import { OwnersModule } from './modules/owners/owners.module.js';
import { PlacesModule } from './modules/places/places.module.js';
import { RoomsModule } from './modules/rooms/rooms.module.js';
import { LeaseEndModule } from './modules/lease-end/lease-end.module.js';
import { RentModule } from './modules/rent/rent.module.js';
import { ConditionReportsModule } from './modules/condition-reports/condition-reports.module.js';
import { AmendmentsModule } from './modules/amendments/amendments.module.js';
import { EventsModule } from './core/events/events.module.js';
import { AuditModule } from './core/audit/audit.module.js';
import { RetentionModule } from './core/retention/retention.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { SigningPageModule } from './modules/signing-page/signing-page.module.js';
import { RequestLogModule } from './core/request-log/request-log.module.js';
import { RequestLogApiModule } from './modules/request-log/request-log-api.module.js';
import { UsageModule } from './modules/usage/usage.module.js';

/** Public API modules: the ones the public OpenAPI document describes. */
export const PUBLIC_API_MODULES = [HealthModule, OwnersModule, PlacesModule, EstatesModule, RoomsModule, EquipmentModule, LesseesModule, ContactsModule, LeasesModule, DocumentsModule, MediaModule, CreditsModule, SignaturesModule, RentModule,
  ConditionReportsModule, AmendmentsModule, LeaseEndModule, WebhooksModule,
  SigningPageModule, AuditModule,
  UsageModule, RequestLogApiModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolderModule, global: true, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] },
        ClsModule.forRoot({ global: true, middleware: { mount: true } }),
        LoggingModule,
        DatabaseModule,
        TenancyModule,
        JobsModule,
        AuthModule,
        RequestLogModule,
        { module: RelationsModule, global: true, providers: [Dependants, References], exports: [Dependants, References] },
        StorageModule,
        NotificationsModule,
        EventsModule,
        RetentionModule,
        { module: ClockModule, global: true, providers: [Clock], exports: [Clock] },
        InternalModule,
        ...PUBLIC_API_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        IdempotencyStore,
        // Outermost first: an upload is staged before its idempotency fingerprint (its file's hash);
        // a replay needs no transaction; Location is set from the handler's result.
        { provide: APP_INTERCEPTOR, useClass: UploadStagingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: LocationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: TenantTransactionInterceptor },
      ],
    };
  }
}

@Module({})
class ConfigHolderModule {}

@Module({})
class RelationsModule {}

@Module({})
class ClockModule {}
