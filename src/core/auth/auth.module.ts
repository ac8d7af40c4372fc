import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { AuthChangeListener } from './auth-change-listener.js';
import { PermissionsGuard } from './permissions.guard.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [
    ApiKeyVerifier,
    ApiKeyStrategy,
    AuthChangeListener,
    // Order matters: identify the key, then check its permissions.
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [ApiKeyVerifier],
})
export class AuthModule {}
