import { createHash, type JsonWebKey } from 'node:crypto';
import { canonicalJson } from '../../../core/json/canonical-json.js';
import { type ProofSeal, verifyProofSeal } from './proof-seal.js';

export { canonicalJson };

/** The first event's `previous_hash`. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  sequence: number;
  type: string;
  signer_id: string | null;
  occurred_at: string;
  details: Record<string, unknown>;
  previous_hash: string;
  hash: string;
}

export interface Proof {
  signature_id: string;
  lease_id: string;
  /** What was signed: the lease, an amendment or a condition report. */
  subject?: { kind: string; id: string };
  status: string;
  document: { id: string; sha256: string };
  signed_document: { id: string; sha256: string } | null;
  hash_algorithm: 'sha256';
  events: ChainedEvent[];
  /** The platform's Ed25519 signature of the last event's hash: rewriting the chain needs its private key. */
  seal: ProofSeal | null;
  signers: { id: string; position: number; type: string; name: string; contact: string; status: string; completed_at: string | null; events: ChainedEvent[] }[];
}

/** hash = sha256(previous_hash + canonical event), the event being everything but its hashes. */
export function eventHash(signatureId: string, previousHash: string, event: Omit<ChainedEvent, 'previous_hash' | 'hash'>): string {
  const canonical = canonicalJson({ signature_id: signatureId, sequence: event.sequence, type: event.type, signer_id: event.signer_id, occurred_at: event.occurred_at, details: event.details });
  return createHash('sha256').update(previousHash + canonical).digest('hex');
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Recomputes the whole chain (and, when given, the documents' hashes and the platform's keys):
 * any edited, removed, reordered or inserted event, or a swapped document, is reported; with the
 * keys, so is a chain recomputed by someone without the platform's private key.
 */
export function verifyProof(
  proof: Proof,
  files: { document?: Uint8Array; signedDocument?: Uint8Array } = {},
  /** The platform's published keys (GET /api/signatures/proof-keys): without them the seal is not checked. */
  keys?: { keys: JsonWebKey[] },
): { valid: boolean; problems: string[] } {
  const problems: string[] = [];
  const events = proof.events ?? [];
  let previous = GENESIS_HASH;
  events.forEach((event, index) => {
    if (event.sequence !== index + 1) problems.push(`event ${index + 1}: sequence is ${event.sequence}`);
    if (event.previous_hash !== previous) problems.push(`event ${event.sequence}: previous_hash does not match the event before`);
    const expected = eventHash(proof.signature_id, previous, event);
    if (event.hash !== expected) problems.push(`event ${event.sequence} (${event.type}): hash does not match its content`);
    previous = expected;
  });
  if (events.length === 0) problems.push('the proof has no events');

  const bySequence = new Map(events.map((event) => [event.sequence, canonicalJson(event)]));
  for (const signer of proof.signers ?? []) {
    for (const event of signer.events) {
      if (bySequence.get(event.sequence) !== canonicalJson(event)) problems.push(`signer ${signer.id}: event ${event.sequence} differs from the chain`);
    }
  }

  const initiated = events.find((event) => event.type === 'initiated');
  if (initiated?.details.document_sha256 !== proof.document?.sha256) problems.push('document.sha256 differs from the hash recorded when signing began');
  const completed = events.find((event) => event.type === 'completed');
  if (proof.signed_document && completed?.details.signed_document_sha256 !== proof.signed_document.sha256) {
    problems.push('signed_document.sha256 differs from the hash recorded at completion');
  }
  if (keys) {
    const finalHash = events.at(-1)?.hash ?? '';
    const sealed = proof.seal ? verifyProofSeal(proof.seal, { signatureId: proof.signature_id, finalHash }, keys) : { valid: false, problem: 'the proof carries no seal' };
    if (!sealed.valid) problems.push(`platform seal: ${sealed.problem}`);
  }
  if (files.document && sha256Hex(files.document) !== proof.document?.sha256) problems.push('the given document does not match document.sha256');
  if (files.signedDocument && sha256Hex(files.signedDocument) !== proof.signed_document?.sha256) problems.push('the given signed document does not match signed_document.sha256');
  return { valid: problems.length === 0, problems };
}
