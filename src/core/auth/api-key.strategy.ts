import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { Principal } from '../tenancy/tenant-context.js';
import { ApiKeyVerifier } from './api-key-verifier.js';

const BEARER = /^Bearer ([^\s]+)$/;

/** passport-custom strategy `api-key`: `Authorization: Bearer fp_...` → the acting principal. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super();
  }

  async validate(request: Request): Promise<Principal | false> {
    const match = BEARER.exec(request.header('authorization') ?? '');
    if (!match) return false;
    return (await this.verifier.verify(match[1])) ?? false;
  }
}
