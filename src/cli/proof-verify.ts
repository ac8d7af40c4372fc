import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Proof, verifyProof } from '../modules/signatures/proof/proof-chain.js';

/**
 * npm run proof:verify -- proof.json [--document original.pdf] [--signed signed.pdf]
 * Recomputes the event chain of a signature proof (GET /api/leases/{id}/signature/proof) and,
 * when the files are given, their SHA-256. Exit code 0: intact; 1: tampered; 2: usage.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { document: { type: 'string' }, signed: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('Usage: npm run proof:verify -- proof.json [--document original.pdf] [--signed signed.pdf]');
  process.exit(2);
}
const proof = JSON.parse(readFileSync(positionals[0], 'utf8')) as Proof;
const result = verifyProof(proof, {
  document: values.document ? readFileSync(values.document) : undefined,
  signedDocument: values.signed ? readFileSync(values.signed) : undefined,
});
if (result.valid) {
  console.log(`Proof intact: ${proof.events.length} events chained, signature ${proof.signature_id}${values.document || values.signed ? ', documents match' : ''}.`);
} else {
  console.error(`Proof NOT valid:\n  - ${result.problems.join('\n  - ')}`);
  process.exit(1);
}
