/** The permission catalogue (SPEC section 3): one typed constant, the only source of truth. */
export const PERMISSIONS = [
  'properties:read',
  'properties:write',
  'leases:read',
  'leases:write',
  'lessees:read',
  'lessees:write',
  'signatures:read',
  'signatures:write',
  'credits:read',
  'credits:write',
  'media:read',
  'media:write',
  'webhooks:read',
  'webhooks:write',
  'audit:read',
  'usage:read',
  'logs:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}
