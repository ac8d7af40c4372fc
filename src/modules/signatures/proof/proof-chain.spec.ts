import { canonicalJson, type ChainedEvent, eventHash, GENESIS_HASH, type Proof, sha256Hex, verifyProof } from './proof-chain.js';
import { generateProofSigningKey, loadProofSigningKey, sealProof } from './proof-seal.js';

const platformKey = loadProofSigningKey(generateProofSigningKey());
const publishedKeys = { keys: [platformKey.publicJwk] };

/** Rewrites the chain from `from` on, as anyone holding a proof could: every hash recomputed. */
function rechain(proof: Proof, from: number): void {
  for (let index = from; index < proof.events.length; index++) {
    const event = proof.events[index];
    event.previous_hash = index === 0 ? GENESIS_HASH : proof.events[index - 1].hash;
    event.hash = eventHash(proof.signature_id, event.previous_hash, event);
  }
  for (const signer of proof.signers) signer.events = proof.events.filter((event) => event.signer_id === signer.id);
}

function buildProof(): Proof {
  const signatureId = 'sig-1';
  const raw = [
    { type: 'initiated', signer_id: null, details: { document_sha256: sha256Hex(Buffer.from('original')) } },
    { type: 'otp_sent', signer_id: 's1', details: { channel: 'email', contact: 'c***@x.fr', ip: '127.0.0.1', user_agent: 'test' } },
    { type: 'signed', signer_id: 's1', details: { ip: '127.0.0.1', user_agent: 'test' } },
    { type: 'completed', signer_id: null, details: { signed_document_sha256: sha256Hex(Buffer.from('signed')) } },
  ];
  let previous = GENESIS_HASH;
  const events: ChainedEvent[] = raw.map((event, index) => {
    const base = { ...event, sequence: index + 1, occurred_at: `2026-11-27T10:00:0${index}.000Z` };
    const hash = eventHash(signatureId, previous, base);
    const chained = { ...base, previous_hash: previous, hash };
    previous = hash;
    return chained;
  });
  return {
    signature_id: signatureId,
    lease_id: 'lease-1',
    status: 'COMPLETED',
    document: { id: 'd1', sha256: sha256Hex(Buffer.from('original')) },
    signed_document: { id: 'd2', sha256: sha256Hex(Buffer.from('signed')) },
    hash_algorithm: 'sha256',
    events,
    seal: sealProof(platformKey, { signatureId, finalHash: previous }),
    signers: [{ id: 's1', position: 1, type: 'owner', name: 'A', contact: 'c***@x.fr', status: 'COMPLETED', completed_at: null, events: events.filter((e) => e.signer_id === 's1') }],
  };
}

describe('proof chain', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('verifies an intact proof and its documents', () => {
    expect(verifyProof(buildProof(), { document: Buffer.from('original'), signedDocument: Buffer.from('signed') })).toEqual({ valid: true, problems: [] });
  });

  it.each([
    ['an edited detail', (p: Proof) => { p.events[1].details.ip = '10.0.0.1'; }],
    ['an edited time', (p: Proof) => { p.events[2].occurred_at = '2026-11-27T09:00:00.000Z'; }],
    ['an edited type', (p: Proof) => { p.events[2].type = 'otp_sent'; }],
    ['a removed event', (p: Proof) => { p.events.splice(1, 1); }],
    ['swapped events', (p: Proof) => { [p.events[1], p.events[2]] = [p.events[2], p.events[1]]; }],
    ['a recomputed hash on an edited event', (p: Proof) => { p.events[1].details.ip = 'x'; p.events[1].hash = eventHash(p.signature_id, p.events[1].previous_hash, p.events[1]); }],
    ['a swapped document hash', (p: Proof) => { p.document.sha256 = sha256Hex(Buffer.from('forged')); }],
    ['an edited per-signer copy', (p: Proof) => { p.signers[0].events[0].details.ip = '10.0.0.1'; }],
  ])('detects %s', (_label, tamper) => {
    const proof = buildProof();
    tamper(proof);
    expect(verifyProof(proof).valid).toBe(false);
  });

  it('checks the platform seal against the published keys', () => {
    expect(verifyProof(buildProof(), {}, publishedKeys)).toEqual({ valid: true, problems: [] });
  });

  it('detects a whole chain rewritten and recomputed, which only the seal can tell', () => {
    const proof = buildProof();
    proof.events[1].details.ip = '10.6.6.6';
    rechain(proof, 1);
    expect(verifyProof(proof).valid).toBe(true); // the hashes alone are self-consistent again
    const checked = verifyProof(proof, {}, publishedKeys);
    expect(checked.valid).toBe(false);
    expect(checked.problems.join()).toMatch(/platform seal/);
  });

  it('refuses a proof sealed by another key, or with no seal, once keys are given', () => {
    const other = loadProofSigningKey(generateProofSigningKey());
    const resealed = buildProof();
    resealed.seal = sealProof(other, { signatureId: resealed.signature_id, finalHash: resealed.events.at(-1)!.hash });
    expect(verifyProof(resealed, {}, publishedKeys).valid).toBe(false);
    expect(verifyProof({ ...buildProof(), seal: null }, {}, publishedKeys).valid).toBe(false);
  });

  it('detects a document that is not the signed one', () => {
    expect(verifyProof(buildProof(), { document: Buffer.from('another') }).valid).toBe(false);
  });
});
