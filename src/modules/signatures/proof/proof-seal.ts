import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * The platform's signature over a proof's final hash. The chain already makes every event depend
 * on the one before; sealing its last hash with a key only FairePlace holds means a proof cannot be
 * rebuilt from scratch by someone else, and anyone holding the published key set can check it.
 */
export interface ProofSeal {
  algorithm: 'Ed25519';
  /** RFC 7638 thumbprint of the public key: the `kid` to look up in the published key set. */
  key_id: string;
  signed_message: string;
  /** The Ed25519 signature of `signed_message`, base64url. */
  value: string;
}

export interface SealedProofHash {
  signatureId: string;
  /** Hex SHA-256 of the last chained event. */
  finalHash: string;
}

/** A type, not an interface, so a key set of these is a `{ keys: JsonWebKey[] }` as published. */
export type ProofPublicJwk = {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
};

/** Versioned and prefixed so the key can never be tricked into signing something that reads as a seal. */
export const proofSealMessage = ({ signatureId, finalHash }: SealedProofHash) => `faireplace-proof:v1:${signatureId}:${finalHash}`;

export class ProofSigningKey {
  readonly keyId: string;
  readonly publicJwk: ProofPublicJwk;

  /** Use loadProofSigningKey: it checks the key is Ed25519. */
  constructor(private readonly privateKey: KeyObject) {
    const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
    this.keyId = jwkThumbprint(x as string);
    this.publicJwk = { kty: 'OKP', crv: 'Ed25519', x: x as string, kid: this.keyId, use: 'sig', alg: 'EdDSA' };
  }

  sign(message: string): string {
    // Ed25519 hashes internally: node:crypto wants no digest name for it.
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64url');
  }
}

/** A new Ed25519 private key, PKCS#8 PEM (to store as the platform's proof-sealing secret). */
export function generateProofSigningKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

export function loadProofSigningKey(pem: string): ProofSigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new Error(`Proof signing key: not a readable PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`Proof signing key: expected an Ed25519 private key, got ${key.asymmetricKeyType ?? 'an unknown type'}`);
  return new ProofSigningKey(key);
}

export function sealProof(key: ProofSigningKey, proof: SealedProofHash): ProofSeal {
  const message = proofSealMessage(proof);
  return { algorithm: 'Ed25519', key_id: key.keyId, signed_message: message, value: key.sign(message) };
}

export function verifyProofSeal(seal: ProofSeal, proof: SealedProofHash, jwks: { keys: JsonWebKey[] }): { valid: boolean; problem?: string } {
  const invalid = (problem: string) => ({ valid: false, problem });
  if (seal.algorithm !== 'Ed25519') return invalid(`unsupported seal algorithm ${String(seal.algorithm)}`);
  const expected = proofSealMessage(proof);
  if (seal.signed_message !== expected) return invalid(`the seal signs "${seal.signed_message}" but this proof gives "${expected}"`);
  const jwk = jwks.keys.find((candidate) => candidate.kid === seal.key_id);
  if (!jwk) return invalid(`no key with id ${seal.key_id} in the key set`);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return invalid(`key ${seal.key_id} is not an Ed25519 public key`);
  // A key published under another key's id would otherwise vouch for seals it never made.
  if (jwkThumbprint(jwk.x) !== seal.key_id) return invalid(`key ${seal.key_id}: its thumbprint does not match its id`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  } catch {
    return invalid(`key ${seal.key_id} is not a valid Ed25519 public key`);
  }
  const signature = Buffer.from(seal.value, 'base64url');
  if (!verify(null, Buffer.from(expected, 'utf8'), publicKey, signature)) return invalid(`the seal value is not a signature of this proof by key ${seal.key_id}`);
  return { valid: true };
}

/** RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace. */
function jwkThumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}
