import type TestAgent from 'supertest/lib/agent.js';
import type { ResourceIds } from './isolation-cases.js';

export interface DocumentedRoute {
  method: string;
  /** As documented: `/api/leases/{id}/charges/{charge_id}`. */
  template: string;
}

/** Every operation of the public OpenAPI document, as the app serves it. */
export async function documentedRoutes(http: TestAgent): Promise<DocumentedRoute[]> {
  const document = (await http.get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([template, methods]) => Object.keys(methods).map((method) => ({ method, template })));
}

/** `{id}` takes the kind of the collection it follows: `/owners/{id}` is an owner. */
const COLLECTIONS: Record<string, keyof ResourceIds> = {
  owners: 'owner', places: 'place', estates: 'estate', rooms: 'room', equipment: 'equipment', lessees: 'lessee', contacts: 'contact',
  leases: 'lease', charges: 'charge', documents: 'document', media: 'media', payments: 'payment', signers: 'signer', runs: 'run',
  'webhook-endpoints': 'webhookEndpoint', events: 'event',
};
const NAMED: Record<string, keyof ResourceIds> = {
  place_id: 'place', estate_id: 'estate', lessee_id: 'lessee', charge_id: 'charge', signer_id: 'signer',
  call_id: 'rentCall', payment_id: 'rentPayment', receipt_id: 'receipt', revision_id: 'revision', notice_id: 'notice',
  report_id: 'entryReport', amendment_id: 'amendment',
  delivery_id: 'webhookDelivery',
};
/** Path segments that are words, not ids: one valid value each. */
const WORDS: Record<string, string> = {
  key: 'charges_settled',
  // Signing pages: a token of the right shape that no link has (the route answers its generic 404).
  token: 'NoSuchSigningLinkToken000000000000000000000',
};
/**
 * Which of the fixture's leases a lease route names: the first pattern that matches, else the
 * DRAFT lease. Condition reports and amendments (their signature routes too) live on the running
 * lease; the lease's own signature routes on the lease under signature; the rent cycle on the
 * running lease; the end of a lease on the ending one.
 */
const LEASE_OF_ROUTE: [RegExp, keyof ResourceIds][] = [
  [/\/leases\/\{id\}\/(condition-reports|amendments)\b/, 'activeLease'],
  [/\/leases\/\{id\}\/signature\b/, 'signLease'],
  [/\/leases\/\{id\}\/(rent|schedule|account|rent-calls|payments-received|receipts|rent-revisions)\b/, 'activeLease'],
  [/\/leases\/\{id\}\/(notices|termination|deposit|archive)\b/, 'endingLease'],
];

/**
 * A concrete path for a documented template, naming `ids`' resources. Throws for a parameter it
 * cannot resolve, so a new route is never skipped.
 */
export function fillTemplate(template: string, ids: ResourceIds): string {
  const segments = template.split('/');
  const lease = LEASE_OF_ROUTE.find(([pattern]) => pattern.test(template))?.[1] ?? 'lease';
  return segments
    .map((segment, index) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!param) return segment;
      if (WORDS[param]) return WORDS[param];
      let kind = param === 'id' ? COLLECTIONS[segments[index - 1]] : NAMED[param];
      if (kind === 'lease') kind = lease;
      if (!kind) throw new Error(`No resource known for {${param}} in ${template}: add it to test/support/openapi-routes.ts`);
      return ids[kind];
    })
    .join('/');
}
