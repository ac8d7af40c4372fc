import { Injectable, StreamableFile } from '@nestjs/common';
import { DomainError } from '../../core/errors/domain-errors.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { Clock } from '../../core/time/clock.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { ClientInfo } from '../signatures/dto/signature.dto.js';
import { SignatureOtp } from '../signatures/signature-otp.service.js';
import { channelOf, maskedContact } from '../signatures/signature.entities.js';
import { SignaturesRepository } from '../signatures/signatures.repository.js';
import type { ResolvedSigningLink } from '../signatures/signing-links/signing-links.service.js';
import { DocumentSummaries } from './document-summary.js';
import type { SigningCodeSentDto, SigningDoneDto } from './dto/signing-page.dto.js';
import type { SignerPageView } from './html/pages.js';
import { signerTurn } from './page-state.js';
import { SigningAccess, SigningLinkUnavailableError } from './signing-access.js';

/**
 * What a hosted signing page does for its one signer: show the page, serve the PDF being signed,
 * send the code and validate it — through the same OTP service as the API's routes (turn order,
 * cooldown, validity, attempts, the sandbox code), the proof noting `via: signing_page`.
 */
@Injectable()
export class SigningPages {
  constructor(
    private readonly access: SigningAccess,
    private readonly transactions: TenantTransactions,
    private readonly signatures: SignaturesRepository,
    private readonly summaries: DocumentSummaries,
    private readonly documents: DocumentsRepository,
    private readonly documentFiles: DocumentsService,
    private readonly otp: SignatureOtp,
    private readonly clock: Clock,
  ) {}

  view(token: string, client: ClientInfo): Promise<SignerPageView> {
    return this.access.withLink(token, client.ip, (link) =>
      this.transactions.run(link.tenantId, async () => {
        const { signature, turn } = await this.turnOf(link);
        const { signer } = turn;
        return {
          token, state: turn.state, waitingFor: turn.waitingFor, expiresAt: signature.expires_at, sandbox: link.sandbox,
          signer: { name: signer.name, type: signer.type, channel: channelOf(signer), contact: maskedContact(signer) },
          summary: await this.summaries.of(link.subject),
        };
      }),
    );
  }

  /** The PDF being signed (the locked version the workflow names), for the page's viewer. */
  document(token: string, client: ClientInfo): Promise<StreamableFile> {
    return this.access.withLink(token, client.ip, (link) =>
      this.transactions.run(link.tenantId, async () => {
        const { signature } = await this.turnOf(link);
        return this.documentFiles.stream(await this.documents.getById(signature.document_id));
      }),
    );
  }

  sendCode(token: string, client: ClientInfo): Promise<SigningCodeSentDto> {
    return this.access.withLink(token, client.ip, async (link) => {
      const sent = await this.acting(() => this.otp.send(link.subject, link.signerId, { ...client, via: 'signing_page' }));
      return { channel: sent.channel, contact: sent.contact, expires_at: sent.expires_at, resend_available_at: sent.resend_available_at };
    });
  }

  sign(token: string, code: string, client: ClientInfo): Promise<SigningDoneDto> {
    return this.access.withLink(token, client.ip, async (link) => {
      const signature = await this.acting(() => this.otp.validate(link.subject, link.signerId, code, { ...client, via: 'signing_page' }));
      return { state: 'signed', signature_status: signature.status };
    });
  }

  private async turnOf(link: ResolvedSigningLink) {
    const signature = await this.signatures.getById(link.signatureId);
    const turn = signerTurn(signature, await this.signatures.signers(signature.id), link.signerId, this.clock.now());
    if (!turn) throw new SigningLinkUnavailableError();
    return { signature, turn };
  }

  /**
   * The OTP service answers a workflow that ended since the lookup (cancelled, expired, completed,
   * this signer done) with 404 or 409: for a link, that is the generic answer like any dead token.
   */
  private async acting<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError && (error.status === 404 || error.status === 409)) throw new SigningLinkUnavailableError();
      throw error;
    }
  }
}
