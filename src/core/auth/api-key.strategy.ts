import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { Principal } from '../tenancy/tenant-context.js';
import { FailedAuthLimiter } from '../rate-limit/failed-auth-limiter.js';
import { ApiKeyVerifier } from './api-key-verifier.js';

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * passport-custom strategy `api-key`: `Authorization: Bearer fp_...` → the acting principal. A
 * presented key that fails counts against the client's IP; an IP over its limit gets 429 for
 * anything but a key verified lately, so made-up keys cannot keep the database busy.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(
    private readonly verifier: ApiKeyVerifier,
    private readonly failures: FailedAuthLimiter,
  ) {
    super();
  }

  async validate(request: Request): Promise<Principal | false> {
    const match = BEARER.exec(request.header('authorization') ?? '');
    if (!match) return false;
    const known = this.verifier.cached(match[1]);
    if (known) return known;
    const ip = request.ip ?? 'unknown';
    await this.failures.assertAllowed(ip);
    const principal = await this.verifier.verify(match[1]);
    if (!principal) await this.failures.recordFailure(ip);
    return principal ?? false;
  }
}
