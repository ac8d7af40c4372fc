import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../core/tenancy/tenant-scoped.entity.js';

/**
 * Where a data space's events are POSTed. Its signing secret is stored encrypted only
 * (webhook-secrets.ts) and answered once: in the response that creates or rotates it.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends TenantScopedEntity {
  @ApiProperty({ example: 'https://partner.example.com/faireplace/webhooks' }) @Column('text') url: string;
  @ApiProperty({ type: [String], example: ['lease.status_changed', 'signature.completed'], description: 'Event types sent to it, or `["*"]` for all' })
  @Column('text', { array: true })
  events: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'CRM sync (production)' }) @Column({ type: 'text', nullable: true }) description: string | null;
  @ApiProperty({ description: 'Disabled endpoints receive nothing; FairePlace disables one that has failed for 3 days' }) @Column('boolean') enabled: boolean;
  @Column('bytea') secret_ciphertext: Buffer;
  @Column({ type: 'bytea', nullable: true }) previous_secret_ciphertext: Buffer | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'After a rotation, until when the previous secret still signs (a second `v1`)' })
  @Column({ type: 'timestamptz', nullable: true })
  previous_secret_expires_at: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Failing since (no success since an event of that time); cleared by a success' })
  @Column({ type: 'timestamptz', nullable: true })
  failing_since: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @Column({ type: 'timestamptz', nullable: true }) disabled_at: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Deliveries failed for 3 days' }) @Column({ type: 'text', nullable: true }) disabled_reason: string | null;

  /** The plaintext secret, attached only to the answer that creates or rotates it. */
  secret?: string;

  override toJSON(): Record<string, unknown> {
    const { secret_ciphertext: _secret, previous_secret_ciphertext: _previous, secret, ...visible } = super.toJSON();
    return secret === undefined ? visible : { ...visible, secret };
  }
}

class SigningSecretDto {
  // Optional in the document because it is: an Idempotency-Key replay of the creation answers without it.
  @ApiPropertyOptional({ example: 'whsec_4f1c…', description: 'The signing secret. Shown here only, once: store it now (an Idempotency-Key replay answers without it)' })
  secret?: string;
}

/** The answers that carry the secret (creation, rotation): the only time it is shown. */
export class WebhookEndpointWithSecret extends IntersectionType(WebhookEndpoint, SigningSecretDto) {}
