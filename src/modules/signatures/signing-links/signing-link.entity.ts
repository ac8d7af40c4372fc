import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../core/tenancy/tenant-scoped.entity.js';

/** A hosted signing page's credential, for one signer: only the token's SHA-256 is kept. */
@Entity('signing_links')
export class SigningLink extends TenantScopedEntity {
  @Column('uuid') signer_id: string;
  @Column('bytea') token_hash: Buffer;
  /** The workflow's expiry: the link never outlives it. */
  @Column('timestamptz') expires_at: Date;
}
