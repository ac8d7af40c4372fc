import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { AuthChangeListener } from './auth-change-listener.js';
import { KeyUsageRecorder } from './key-usage-recorder.js';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard.js';
import { TenantRateLimiter } from '../rate-limit/tenant-rate-limiter.js';
import { FailedAuthLimiter } from '../rate-limit/failed-auth-limiter.js';
import { LimiterStore } from '../rate-limit/limiter-store.js';
import { PermissionsGuard } from './permissions.guard.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [
    ApiKeyVerifier,
    KeyUsageRecorder,
    ApiKeyStrategy,
    AuthChangeListener,
    LimiterStore,
    TenantRateLimiter,
    FailedAuthLimiter,
    // Order matters: identify the key, count it against its tenant's limit, then check permissions.
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [ApiKeyVerifier, LimiterStore],
})
export class AuthModule {}
