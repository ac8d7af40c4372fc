import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { generateProofSigningKey, loadProofSigningKey, type ProofSeal, sealProof, verifyProofSeal } from './proof-seal.js';

const proof = { signatureId: 'b1c6f0a4-3f7e-4d0a-9a51-0c2f4a8e9d11', finalHash: 'ab'.repeat(32) };
const key = loadProofSigningKey(generateProofSigningKey());
const jwks = { keys: [key.publicJwk] };

describe('proof seal', () => {
  it('signs the versioned message and verifies against the published key set', () => {
    const seal = sealProof(key, proof);
    expect(seal).toEqual({ algorithm: 'Ed25519', key_id: key.keyId, signed_message: `faireplace-proof:v1:${proof.signatureId}:${proof.finalHash}`, value: expect.stringMatching(/^[\w-]{86}$/) });
    expect(verifyProofSeal(seal, proof, jwks)).toEqual({ valid: true });
  });

  it('publishes an Ed25519 JWK whose kid is its RFC 7638 thumbprint', () => {
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[\w-]{43}$/), kid: key.keyId, use: 'sig', alg: 'EdDSA' });
    expect(key.keyId).toMatch(/^[\w-]{43}$/);
  });

  it('computes the RFC 8037 appendix A.3 thumbprint for the RFC example key', () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    const pem = createPrivateKey({ key: jwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(loadProofSigningKey(pem).keyId).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it.each<[string, (seal: ProofSeal) => [ProofSeal, typeof proof], RegExp]>([
    ['a wrong key id', (seal) => [{ ...seal, key_id: 'unknown-kid' }, proof], /no key with id unknown-kid/],
    ['an altered final hash', (seal) => [seal, { ...proof, finalHash: 'cd'.repeat(32) }], /but this proof gives/],
    ['an altered signed message', (seal) => [{ ...seal, signed_message: `faireplace-proof:v1:${proof.signatureId}:${'cd'.repeat(32)}` }, proof], /but this proof gives/],
    ['an altered value', (seal) => [{ ...seal, value: flipFirstCharacter(seal.value) }, proof], /not a signature of this proof/],
  ])('rejects %s', (_label, tamper, problem) => {
    const [seal, expected] = tamper(sealProof(key, proof));
    const result = verifyProofSeal(seal, expected, jwks);
    expect(result.valid).toBe(false);
    expect(result.problem).toMatch(problem);
  });

  it('rejects a seal made with another key pair, even labelled with the published key id', () => {
    const other = loadProofSigningKey(generateProofSigningKey());
    const seal = sealProof(other, proof);
    expect(verifyProofSeal(seal, proof, jwks)).toEqual({ valid: false, problem: `no key with id ${other.keyId} in the key set` });
    expect(verifyProofSeal({ ...seal, key_id: key.keyId }, proof, jwks).problem).toMatch(/not a signature of this proof/);
  });

  it('rejects a key published under another key id', () => {
    const other = loadProofSigningKey(generateProofSigningKey());
    const seal = sealProof(other, proof);
    const mislabelled = { keys: [{ ...key.publicJwk, kid: other.keyId }] };
    expect(verifyProofSeal(seal, proof, mislabelled).problem).toMatch(/thumbprint does not match/);
  });

  it('refuses a key that is not Ed25519, or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => loadProofSigningKey(rsa)).toThrow('expected an Ed25519 private key, got rsa');
    expect(() => loadProofSigningKey('not a key')).toThrow('not a readable PEM private key');
  });
});

function flipFirstCharacter(value: string): string {
  return (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
}
