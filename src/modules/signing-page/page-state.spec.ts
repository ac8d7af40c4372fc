import type { SignatureStatus, SignerStatus } from '../signatures/signature-status.js';
import type { SignatureSigner } from '../signatures/signature.entities.js';
import { signerTurn } from './page-state.js';

const now = new Date('2027-03-01T10:00:00Z');
const later = new Date('2027-03-10T10:00:00Z');
const signer = (id: string, position: number, status: SignerStatus, otpExpiresAt: Date | null = null) =>
  ({ id, position, status, otp_expires_at: otpExpiresAt }) as SignatureSigner;
const open = (status: SignatureStatus = 'IN_PROGRESS', expiresAt = later) => ({ status, expires_at: expiresAt });

describe('signerTurn', () => {
  it('is ready for the first signer, waiting for the ones after', () => {
    const signers = [signer('a', 1, 'PENDING'), signer('b', 2, 'PENDING'), signer('c', 3, 'PENDING')];
    expect(signerTurn(open('PENDING'), signers, 'a', now)).toMatchObject({ state: 'ready', waitingFor: 0 });
    expect(signerTurn(open('PENDING'), signers, 'b', now)).toMatchObject({ state: 'waiting', waitingFor: 1 });
    expect(signerTurn(open('PENDING'), signers, 'c', now)).toMatchObject({ state: 'waiting', waitingFor: 2 });
  });

  it('moves on as earlier signers sign', () => {
    const signers = [signer('a', 1, 'COMPLETED'), signer('b', 2, 'PENDING'), signer('c', 3, 'PENDING')];
    expect(signerTurn(open(), signers, 'b', now)).toMatchObject({ state: 'ready' });
    expect(signerTurn(open(), signers, 'c', now)).toMatchObject({ state: 'waiting', waitingFor: 1 });
  });

  it('shows code_sent while a code is valid, ready again once it expired', () => {
    expect(signerTurn(open(), [signer('a', 1, 'OTP_SENT', new Date(now.getTime() + 60_000))], 'a', now)).toMatchObject({ state: 'code_sent' });
    expect(signerTurn(open(), [signer('a', 1, 'OTP_SENT', now)], 'a', now)).toMatchObject({ state: 'ready' });
  });

  it.each([
    ['the signer has signed', open(), [signer('a', 1, 'COMPLETED')]],
    ['the signer is locked', open(), [signer('a', 1, 'LOCKED')]],
    ['the signature is cancelled', open('CANCELLED'), [signer('a', 1, 'PENDING')]],
    ['the signature is completed', open('COMPLETED'), [signer('a', 1, 'COMPLETED')]],
    ['the signature is expired', open('EXPIRED'), [signer('a', 1, 'PENDING')]],
    ['the signature\'s date has passed (not swept yet)', open('IN_PROGRESS', now), [signer('a', 1, 'PENDING')]],
    ['the signer is not in the workflow', open(), [signer('b', 1, 'PENDING')]],
  ] as const)('ends the link when %s', (_case, signature, signers) => {
    expect(signerTurn(signature, [...signers], 'a', now)).toBeUndefined();
  });
});
