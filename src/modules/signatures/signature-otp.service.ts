import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '../../core/errors/domain-errors.js';
import { Events } from '../../core/events/events.js';
import { Notifier } from '../../core/notifications/notifier.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { Clock } from '../../core/time/clock.js';
import type { ClientInfo, OtpSentDto } from './dto/signature.dto.js';
import { AfterCommit } from '../../core/tenancy/after-commit.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { assertSignerTransition, OPEN_SIGNATURE_STATUSES, SignatureTransitionError } from './signature-status.js';
import { channelOf, maskedContact, OTP_MAX_ATTEMPTS, OTP_MAX_SENDS, type Signature, type SignatureSigner } from './signature.entities.js';
import { SignaturesRepository } from './signatures.repository.js';
import { type SignatureSubject, Signables } from './signable.js';
import { SigningKeys } from './signing-keys.js';

export const OTP_VALIDITY_MS = 5 * 60_000;
export const OTP_RESEND_COOLDOWN_MS = 60_000;
/** Accepted in the sandbox data space only, so integrations can be tested end to end without a phone. */
const SANDBOX_CODE = '000000';

const retryAfter = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * One-time codes: 6 digits from a CSPRNG, stored as an HMAC, valid 5 minutes, a new one at most
 * every 60 s and 5 in all, 3 wrong attempts in all (not per code), and only for the signer whose
 * turn it is. Codes appear in the notifier's
 * message only: never in a response, an event or a log.
 */
@Injectable()
export class SignatureOtp {
  private readonly secret: string;

  constructor(
    private readonly workflow: SignatureWorkflow,
    private readonly signatures: SignaturesRepository,
    private readonly signables: Signables,
    private readonly notifier: Notifier,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly events: Events,
    keys: SigningKeys,
  ) {
    this.secret = keys.otpSecret;
  }

  send(subject: SignatureSubject, signerId: string, client: ClientInfo): Promise<OtpSentDto> {
    return this.workflow.run(async () => {
      const { signature, signer, failure } = await this.turnOf(subject, signerId);
      if (failure) return failure;
      const now = this.clock.now();
      if (signer.status === 'LOCKED') return this.locked(signature, now);
      if (signer.otp_sent_at && now.getTime() - signer.otp_sent_at.getTime() < OTP_RESEND_COOLDOWN_MS) {
        const availableAt = new Date(signer.otp_sent_at.getTime() + OTP_RESEND_COOLDOWN_MS);
        return new AfterCommit(new DomainError(429, 'RATE_LIMITED', 'A code was sent less than 60 seconds ago', { retry_after: retryAfter(availableAt, now) }));
      }
      if (signer.otp_sends >= OTP_MAX_SENDS) return this.lock(signature, signer, now, { reason: 'too_many_codes', codes_sent: signer.otp_sends, ...client });
      assertSignerTransition(signer.status, 'OTP_SENT');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now.getTime() + OTP_VALIDITY_MS);
      // Wrong attempts are not reset: they count across every code this signer is sent.
      await this.signatures.updateSigner(signer.id, { status: 'OTP_SENT', otp_hash: this.hash(signer.id, code), otp_expires_at: expiresAt, otp_sent_at: now, otp_sends: signer.otp_sends + 1 });
      if (signature.status === 'PENDING') await this.signatures.updateSignature(signature.id, { status: 'IN_PROGRESS' });
      const channel = channelOf(signer);
      await this.notifier.send({
        channel,
        recipient: (channel === 'email' ? signer.email : signer.phone)!,
        subject: 'Votre code de signature',
        body: `Votre code de signature FairePlace : ${code}. Il est valable 5 minutes. Ne le communiquez à personne.`,
        secrets: [code],
        secretsExpireAt: expiresAt,
      });
      await this.signatures.appendEvent(signature.id, signer.id, 'otp_sent', now, { channel, contact: maskedContact(signer), ...client });
      return { signer_id: signer.id, channel, contact: maskedContact(signer), expires_at: expiresAt, resend_available_at: new Date(now.getTime() + OTP_RESEND_COOLDOWN_MS) };
    });
  }

  /** A wrong code is recorded (attempts, lock) before the error is answered. */
  validate(subject: SignatureSubject, signerId: string, otp: string, client: ClientInfo): Promise<Signature> {
    return this.workflow.run(async () => {
      const { signature, signer, failure } = await this.turnOf(subject, signerId);
      if (failure) return failure;
      const now = this.clock.now();
      if (signer.status === 'LOCKED') return this.locked(signature, now);
      if (signer.status !== 'OTP_SENT' || !signer.otp_hash || !signer.otp_expires_at) {
        return new AfterCommit(new SignatureTransitionError('signer', signer.status, 'COMPLETED', []));
      }
      if (signer.otp_expires_at <= now) {
        return new AfterCommit(new DomainError(422, 'OTP_EXPIRED', 'The code has expired; ask for a new one'));
      }
      const sandbox = this.context.sandbox && otp === SANDBOX_CODE;
      if (!sandbox && !this.matches(signer.id, otp, signer.otp_hash)) {
        const attempts = signer.otp_attempts + 1;
        await this.signatures.updateSigner(signer.id, { otp_attempts: attempts });
        if (attempts >= OTP_MAX_ATTEMPTS) return this.lock(signature, signer, now, { attempts, ...client });
        await this.signatures.appendEvent(signature.id, signer.id, 'otp_failed', now, { attempts, ...client });
        return new AfterCommit(new DomainError(422, 'OTP_INVALID', 'The code is not valid', { attempts_remaining: OTP_MAX_ATTEMPTS - attempts }));
      }
      assertSignerTransition(signer.status, 'COMPLETED');
      await this.signatures.updateSigner(signer.id, { status: 'COMPLETED', completed_at: now, otp_hash: null });
      // A sandbox code is evidence of nothing: the proof says so, in the chained event itself.
      const how = sandbox ? { sandbox_code: true } : {};
      await this.signatures.appendEvent(signature.id, signer.id, 'otp_validated', now, { channel: channelOf(signer), contact: maskedContact(signer), ...how, ...client });
      await this.signatures.appendEvent(signature.id, signer.id, 'signed', now, { document_sha256: signature.document_sha256, ...client });
      await this.events.emit('signature.signer_completed', await this.workflow.view(signature.id));
      const remaining = (await this.signatures.signers(signature.id)).filter((other) => other.status !== 'COMPLETED');
      if (remaining.length === 0) await this.workflow.complete(signature);
      return this.workflow.view(signature.id);
    });
  }

  /** The open workflow of the document and this signer, who must be next in line. */
  private async turnOf(subject: SignatureSubject, signerId: string): Promise<{ signature: Signature; signer: SignatureSigner; failure?: AfterCommit }> {
    await this.signables.of(subject.kind).lock(subject);
    const signature = await this.signatures.requireLatest(subject);
    const signers = await this.signatures.signers(signature.id);
    const signer = signers.find((candidate) => candidate.id === signerId);
    if (!signer) throw new NotFoundError('Signer');
    if (await this.workflow.expireIfDue(signature)) return { signature, signer, failure: new AfterCommit(new ConflictError('The signature has expired')) };
    if (!OPEN_SIGNATURE_STATUSES.includes(signature.status)) throw new ConflictError(`The signature is ${signature.status}`, { status: signature.status });
    const next = signers.find((candidate) => candidate.status !== 'COMPLETED');
    if (next && next.id !== signer.id) {
      throw new DomainError(422, 'INVALID_TRANSITION', 'It is not this signer\'s turn', { next_signer_id: next.id, position: next.position });
    }
    if (signer.status === 'COMPLETED') throw new ConflictError('This signer has already signed');
    return { signature, signer };
  }

  /** The signer can no longer sign this workflow: it must be cancelled and started again. */
  private async lock(signature: Signature, signer: SignatureSigner, now: Date, details: Record<string, unknown>): Promise<AfterCommit> {
    assertSignerTransition(signer.status, 'LOCKED');
    await this.signatures.updateSigner(signer.id, { status: 'LOCKED', otp_hash: null });
    await this.signatures.appendEvent(signature.id, signer.id, 'locked', now, details);
    return this.locked(signature, now);
  }

  private locked(signature: Signature, now: Date): AfterCommit {
    return new AfterCommit(
      new DomainError(429, 'OTP_LOCKED', 'Too many wrong codes: this signer is locked. Cancel the signature and start a new one.', { retry_after: retryAfter(signature.expires_at, now) }),
    );
  }

  private hash(signerId: string, code: string): string {
    return createHmac('sha256', this.secret).update(`${signerId}:${code}`).digest('hex');
  }

  private matches(signerId: string, code: string, stored: string): boolean {
    const expected = Buffer.from(stored, 'hex');
    const actual = Buffer.from(this.hash(signerId, code), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
