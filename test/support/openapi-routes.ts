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
};
const NAMED: Record<string, keyof ResourceIds> = {
  place_id: 'place', estate_id: 'estate', lessee_id: 'lessee', charge_id: 'charge', signer_id: 'signer',
  call_id: 'rentCall', payment_id: 'rentPayment', receipt_id: 'receipt', revision_id: 'revision',
  amendment_id: 'amendment',
};
/** Routes of a lease's rent cycle name its running lease. */
const RENT_CYCLE = /\/leases\/\{id\}\/(rent|schedule|account|rent-calls|payments-received|receipts|rent-revisions)\b/;
/** A lease's amendments, their signature routes included, are its running lease's. */
const AMENDMENTS = /\/leases\/\{id\}\/amendments\b/;

/**
 * A concrete path for a documented template, naming `ids`' resources. Signature routes name the
 * lease under signature. Throws for a parameter it cannot resolve, so a new route is never skipped.
 */
export function fillTemplate(template: string, ids: ResourceIds): string {
  const segments = template.split('/');
  const underSignature = template.includes('/signature');
  const rentCycle = RENT_CYCLE.test(template);
  const amendments = AMENDMENTS.test(template);
  return segments
    .map((segment, index) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!param) return segment;
      let kind = param === 'id' ? COLLECTIONS[segments[index - 1]] : NAMED[param];
      if (kind === 'lease' && amendments) kind = 'activeLease';
      if (kind === 'lease' && underSignature) kind = 'signLease';
      if (kind === 'lease' && rentCycle) kind = 'activeLease';
      if (!kind) throw new Error(`No resource known for {${param}} in ${template}: add it to test/support/openapi-routes.ts`);
      return ids[kind];
    })
    .join('/');
}
