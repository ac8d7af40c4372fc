import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../tenancy/tenant-scoped.entity.js';
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, type AuditAction, type FieldChange } from './audit-fields.js';

export const ACTOR_TYPES = ['api_key', 'internal', 'signing_link', 'provider'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who made the change. */
export class AuditActorDto {
  @ApiProperty({ enum: ACTOR_TYPES, description: 'api_key: a key of the tenant; internal: the dashboard backend; signing_link: a signer on a hosted signing page; provider: a signed payment-provider webhook' })
  type: ActorType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The key's user (api_key only)" }) user_id: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) key_id: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'fp_live_a1B2', description: "The key's display prefix" }) key_prefix: string | null;
}

/** A column's value as JSON: a string, number, boolean, null, array or object (json columns). */
const anyValue = (description: string): ApiPropertyOptions => ({
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
  nullable: true,
  description,
});

export class AuditFieldChangeDto {
  @ApiProperty({ example: 'rent_amount' }) field: string;
  @ApiPropertyOptional(anyValue('Absent on a create and for a personal field; "[redacted]" for a secret one')) before?: unknown;
  @ApiPropertyOptional(anyValue('Absent on a delete and for a personal field; "[redacted]" for a secret one')) after?: unknown;
  @ApiPropertyOptional({ enum: [true], description: 'A personal field: which field changed, never its values' }) personal?: true;
}

/**
 * One row created, changed or deleted by one request, recorded in that request's transaction.
 * Immutable: the API may insert and read them, never change them (docs/audit.md).
 */
@Entity('audit_events')
export class AuditEvent extends TenantScopedEntity {
  @Column('text') actor_type: ActorType;
  @Column('uuid', { nullable: true }) user_id: string | null;
  @Column('uuid', { nullable: true }) key_id: string | null;
  @Column('text', { nullable: true }) key_prefix: string | null;
  @Column('text') request_id: string;
  @Column('inet', { nullable: true }) ip: string | null;
  @Column('text') route: string;
  @Column('text') action: AuditAction;
  @Column('text') resource_type: string;
  @Column('uuid', { nullable: true }) resource_id: string | null;
  @Column('jsonb') changes: FieldChange[];

  override toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      created_at: this.created_at,
      actor: { type: this.actor_type, user_id: this.user_id, key_id: this.key_id, key_prefix: this.key_prefix },
      request_id: this.request_id,
      ip: this.ip,
      route: this.route,
      action: this.action,
      resource_type: this.resource_type,
      resource_id: this.resource_id,
      changes: this.changes,
    };
  }
}

/** The answer's shape, for the OpenAPI document (the entity's columns are flattened differently). */
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', description: "The request transaction's time" }) created_at: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ description: 'The X-Request-Id of the request that made the change' }) request_id: string;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7', description: "The client's address (behind TRUST_PROXY, the forwarded one)" }) ip: string | null;
  @ApiProperty({ example: 'PUT /api/leases/:id', description: "The request's method and route pattern" }) route: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ enum: AUDIT_RESOURCE_TYPES, example: 'lease' }) resource_type: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resource_id: string | null;
  @ApiProperty({ type: [AuditFieldChangeDto], description: 'Fields set by a create, changed by an update, held by the deleted row' }) changes: AuditFieldChangeDto[];
}
