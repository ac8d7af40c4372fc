import { OPEN_SIGNATURE_STATUSES } from '../signatures/signature-status.js';
import type { Signature, SignatureSigner } from '../signatures/signature.entities.js';

/**
 * What a signer's page shows when it is loaded: `ready` (ask for a code), `code_sent` (a code is
 * valid: type it), or `waiting` (a signer before them has not signed yet). The other states a
 * signer meets — signed, locked, expired, cancelled — end the link: they are shown on the page
 * that is open when they happen, and a link loaded afterwards answers the generic page, like an
 * unknown one (SPEC section 2: a token cannot be probed).
 */
export type SignerPageState = 'ready' | 'code_sent' | 'waiting';

export interface SignerTurn {
  state: SignerPageState;
  signer: SignatureSigner;
  /** Signers before this one who have not signed yet. */
  waitingFor: number;
}

/** The signer's state on their page now, or undefined when their link can no longer act. */
export function signerTurn(signature: Pick<Signature, 'status' | 'expires_at'>, signers: SignatureSigner[], signerId: string, now: Date): SignerTurn | undefined {
  if (!OPEN_SIGNATURE_STATUSES.includes(signature.status) || signature.expires_at <= now) return undefined;
  const signer = signers.find((candidate) => candidate.id === signerId);
  if (!signer || signer.status === 'COMPLETED' || signer.status === 'LOCKED') return undefined;
  const waitingFor = signers.filter((other) => other.position < signer.position && other.status !== 'COMPLETED').length;
  if (waitingFor > 0) return { state: 'waiting', signer, waitingFor };
  const codeValid = signer.status === 'OTP_SENT' && signer.otp_expires_at !== null && signer.otp_expires_at > now;
  return { state: codeValid ? 'code_sent' : 'ready', signer, waitingFor: 0 };
}
