import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../swagger/error-response.dto.js';
import type { Permission } from './permissions.js';

export const IS_PUBLIC = 'auth:public';
export const IS_INTERNAL = 'auth:internal';
export const REQUIRED_PERMISSIONS = 'auth:permissions';
export const BEARER_SCHEME = 'api-key';

/** No API key needed: health, docs, signed provider webhooks, hosted signing pages (their token is the credential). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The one line a public route needs: the permissions it requires (checked before any data is
 * read), and the same facts in the OpenAPI document (bearer security, 401, 403, and
 * `x-required-permissions`).
 */
export function RequirePermissions(...permissions: [Permission, ...Permission[]]) {
  const listed = permissions.join(', ');
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-required-permissions', permissions),
    ApiUnauthorizedResponse({ description: 'Missing, malformed, unknown, expired or revoked API key', type: ErrorResponseDto }),
    ApiForbiddenResponse({ description: `Requires permission: ${listed}`, type: ErrorResponseDto }),
  );
}
