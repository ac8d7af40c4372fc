import { readFileSync } from 'node:fs';
import type { JsonWebKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Proof, verifyProof } from '../modules/signatures/proof/proof-chain.js';

/**
 * npm run proof:verify -- proof.json --keys <jwks.json | https://…/api/signatures/proof-keys> [--document original.pdf] [--signed signed.pdf]
 * Recomputes the event chain of a signature proof (GET /api/leases/{id}/signature/proof), checks
 * the platform's Ed25519 seal over it with the published keys and, when the files are given,
 * their SHA-256. Exit code 0: intact; 1: tampered; 2: usage.
 */
const usage = 'Usage: npm run proof:verify -- proof.json --keys <jwks.json | URL of /api/signatures/proof-keys> [--document original.pdf] [--signed signed.pdf]';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { keys: { type: 'string' }, document: { type: 'string' }, signed: { type: 'string' } } });
if (positionals.length !== 1 || !values.keys) {
  console.error(usage);
  process.exit(2);
}

async function loadKeys(source: string): Promise<{ keys: JsonWebKey[] }> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    return (await response.json()) as { keys: JsonWebKey[] };
  }
  return JSON.parse(readFileSync(source, 'utf8')) as { keys: JsonWebKey[] };
}

const proof = JSON.parse(readFileSync(positionals[0], 'utf8')) as Proof;
const result = verifyProof(
  proof,
  { document: values.document ? readFileSync(values.document) : undefined, signedDocument: values.signed ? readFileSync(values.signed) : undefined },
  await loadKeys(values.keys),
);
if (result.valid) {
  console.log(`Proof intact: ${proof.events.length} events chained and sealed by the platform (key ${proof.seal?.key_id}), signature ${proof.signature_id}${values.document || values.signed ? ', documents match' : ''}.`);
} else {
  console.error(`Proof NOT valid:\n  - ${result.problems.join('\n  - ')}`);
  process.exit(1);
}
