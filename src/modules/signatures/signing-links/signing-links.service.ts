import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config.js';
import { RuleViolationError } from '../../../core/errors/domain-errors.js';
import { Notifier } from '../../../core/notifications/notifier.js';
import { TenantRepository } from '../../../core/tenancy/tenant-repository.js';
import { Clock } from '../../../core/time/clock.js';
import type { SignableKind, SignatureSubject } from '../signable.js';
import { channelOf, maskedContact, type Signature } from '../signature.entities.js';
import { SignaturesRepository } from '../signatures.repository.js';
import { signingLinkMessage } from './signing-link-message.js';
import { generateSigningToken, hashSigningToken, signingUrl } from './signing-link-token.js';
import { SigningLink } from './signing-link.entity.js';

interface LinkRow {
  tenant_id: string;
  sandbox: boolean;
  link_id: string;
  signer_id: string;
  signature_id: string;
  subject_kind: SignableKind;
  lease_id: string;
  subject_id: string;
}

@Injectable()
export class SigningLinksRepository extends TenantRepository<SigningLink> {
  protected readonly entity = SigningLink;
  protected readonly alias = 'link';
  protected readonly resource = 'Signing link';
}

/** A link that can act now, as the SECURITY DEFINER lookup answers it. */
export interface ResolvedSigningLink {
  /** The data space: a live tenant or a sandbox twin. */
  tenantId: string;
  sandbox: boolean;
  linkId: string;
  signerId: string;
  signatureId: string;
  /** The document the workflow signs. */
  subject: SignatureSubject;
}

/**
 * Hosted signing links (SPEC section 2): one per signer, asked for at initiation
 * (`signing_links: true`). The token is returned once, in the initiation's response
 * (`signers[].signing_url`), and sent to the signer through the notifier, in signing order, all
 * at once: a later signer's page says whose turn it is until theirs comes. Only its hash is stored.
 */
@Injectable()
export class SigningLinks {
  constructor(
    private readonly links: SigningLinksRepository,
    private readonly signatures: SignaturesRepository,
    private readonly notifier: Notifier,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** In the initiation's transaction: a link per signer, each sent, each shown once on `signature.signers`. */
  async issue(signature: Signature): Promise<void> {
    const base = this.config.PUBLIC_BASE_URL;
    if (!base) throw new RuleViolationError('Signing links need PUBLIC_BASE_URL to be configured: ask for them without it and they would point nowhere', { rule: 'public_base_url' });
    const now = this.clock.now();
    for (const [index, signer] of (signature.signers ?? []).entries()) {
      const { token, hash } = generateSigningToken();
      await this.links.insert({ signer_id: signer.id, token_hash: hash, expires_at: signature.expires_at });
      const url = signingUrl(base, token);
      const channel = channelOf(signer);
      const message = signingLinkMessage({ kind: signature.subject_kind, name: signer.name, url, expiresAt: signature.expires_at, signersBefore: index, channel });
      // The token is masked in the outbox once the message is delivered (or the workflow is over).
      await this.notifier.send({ channel, recipient: (channel === 'email' ? signer.email : signer.phone)!, ...message, secrets: [token], secretsExpireAt: signature.expires_at });
      await this.signatures.appendEvent(signature.id, signer.id, 'signing_link_sent', now, { channel, contact: maskedContact(signer) });
      signer.signing_url = url;
    }
  }

  /** Before any tenant is known (no transaction may be open): the link, if it can still act. */
  async resolve(token: string): Promise<ResolvedSigningLink | undefined> {
    const rows: LinkRow[] = await this.dataSource.query('SELECT * FROM app.signing_link($1)', [hashSigningToken(token)]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      tenantId: row.tenant_id, sandbox: row.sandbox, linkId: row.link_id, signerId: row.signer_id, signatureId: row.signature_id,
      subject: { kind: row.subject_kind, leaseId: row.lease_id, subjectId: row.subject_id },
    };
  }
}
