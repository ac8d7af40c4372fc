import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { loadConfig } from '../../config/app-config.js';
import { UnauthorizedError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { toDomainError } from '../errors/to-domain-error.js';
import { ApiKeyGuard } from './api-key.guard.js';

describe('ApiKeyGuard.handleRequest', () => {
  const guard = new ApiKeyGuard(new Reflector(), new TenantContext({ isActive: () => false } as unknown as ClsService, loadConfig({ NODE_ENV: 'test' })));

  it('answers 401 when no key matched', () => {
    expect(() => guard.handleRequest(null, false)).toThrow(UnauthorizedError);
  });

  it('lets a failed lookup through as what it is: the database being down is a 503, not a bad key', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    let thrown: unknown;
    try {
      guard.handleRequest(down, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(down);
    expect(toDomainError(thrown).status).toBe(503);
  });
});
