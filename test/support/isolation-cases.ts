import type TestAgent from 'supertest/lib/agent.js';
import { SAMPLE_FILES } from './files.js';
import { INTERNAL_TOKEN, internalPath, randomUuid, type TestTenant } from './test-app.js';

/** The ids of one resource of each kind; modules add their kinds here. */
export interface ResourceIds {
  owner: string;
  user: string;
  apiKey: string;
  place: string;
  estate: string;
  room: string;
  equipment: string;
  lessee: string;
  contact: string;
  lease: string;
  charge: string;
  document: string;
  media: string;
  payment: string;
  /** A second lease, under signature (the first stays DRAFT for the lease routes). */
  signLease: string;
  signature: string;
  signer: string;
  /** The outbox message carrying that signer's code. */
  message: string;
  /** A third lease, ACTIVE (signed outside the platform): routes that need a running lease. */
  activeLease: string;
  /** Its rent cycle: a call, a partial payment and its reçu, a rent change, a revision, a bulk run. */
  rentCall: string;
  rentPayment: string;
  receipt: string;
  revision: string;
  run: string;
  /** A fourth lease, ending: a lessee's notice, keys returned, its deposit settled. */
  endingLease: string;
  notice: string;
  /** Condition reports of the running lease: the entry report under signature (its signature routes have something to show), the exit report DRAFT (its write routes reach their checks). */
  entryReport: string;
  exitReport: string;
  /** A DRAFT amendment of the running lease, with a PDF and a signature started then cancelled. */
  amendment: string;
  // --- Webhooks ---
  /** A webhook endpoint, created last (the fixture's earlier events made no deliveries), and its test ping: an event and a delivery. */
  webhookEndpoint: string;
  event: string;
  webhookDelivery: string;
}

export const RESOURCE_KINDS: (keyof ResourceIds)[] = ['owner', 'user', 'apiKey', 'place', 'estate', 'room', 'equipment', 'lessee', 'contact', 'lease', 'charge', 'document', 'media', 'payment', 'signLease', 'signature', 'signer', 'message', 'activeLease', 'rentCall', 'rentPayment', 'receipt', 'revision', 'run', 'endingLease', 'notice', 'entryReport', 'exitReport', 'amendment',
  'webhookEndpoint', 'event', 'webhookDelivery'];

/** What a tenant made, plus a marker unique to it, to search for from the other tenant. */
export interface TenantFixture extends ResourceIds {
  tenant: TestTenant;
  marker: string;
  /** The data space's own tenant id: the live tenant's, or its sandbox twin's. */
  spaceId: string;
  // --- Dashboard (request log) ---
  /** The X-Request-Id of one of its requests: its line is in its own request log only. */
  requestId: string;
}

export async function seedFixture(http: TestAgent, tenant: TestTenant, marker: string): Promise<TenantFixture> {
  const post = async (path: string, body: object) => (await http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
  const owner = (await http.post('/api/owners').set(tenant.auth).set('Idempotency-Key', `${marker}-owner`).send({ owner_category: 'company', legal_name: `${marker} SARL`, email: `${marker}@example.fr` }).expect(201)).body.id as string;
  const place = await post('/api/places', {
    name: `${marker} residence`, owner_id: owner, place_category: 'collective', street_name: `rue ${marker}`, postal_code: '69003', city: 'Lyon',
  });
  const estate = await post(`/api/places/${place}/estates`, { name: `${marker} 3B`, estate_type: 'apartment', area: 54.3, floor: 2, number_of_room: 3 });
  const room = await post(`/api/places/${place}/estates/${estate}/rooms`, { room_type: 'bedroom', designation: `${marker} chambre` });
  const equipment = await post('/api/equipment', { name: `${marker} boiler`, equipment_type: 'boiler', estate_id: estate });
  const lessee = await post('/api/lessees', { category: 'individual', last_name: `${marker} Moreau`, email: `${marker}@example.fr`, monthly_income: 3200 });
  const contact = await post('/api/contacts', { type_contact: 'company', category: 'maintenance', legal_name: `${marker} Plomberie`, email: `${marker}@example.fr` });
  // A DRAFT lease (so every write route reaches its checks) with the lessee as tenant and a charge.
  const lease = await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 800, reference_number: `${marker}-LEASE` });
  await post(`/api/leases/${lease}/lessees`, { lessee_id: lessee, role: 'tenant' });
  const charge = await post(`/api/leases/${lease}/charges`, { label: `${marker} eau`, category: 'water', amount: 20, frequency: 'monthly' });
  const document = (await http.post(`/api/leases/${lease}/pdf`).set(tenant.auth).expect(201)).body.id as string;
  const media = (await http.post('/api/media').set(tenant.auth).field('entity_type', 'estate').field('entity_id', estate).field('tags', marker).attach('file', SAMPLE_FILES.png, `${marker}.png`).expect(201)).body.id as string;
  // Credits (a paid manual payment), then a lease under signature with a code sent to its signer.
  const payment = await post('/api/credits/purchase', { package_id: 'credits_5', success_url: 'https://a.fr/ok', cancel_url: 'https://a.fr/ko' });
  await http.post(internalPath(tenant, `/internal/tenants/${tenant.id}/payments/${payment}/complete`)).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  const signLease = await post('/api/leases', { estate_id: estate, lease_type: 'furnished', start_date: '2026-02-01', rent_amount: 600 });
  await post(`/api/leases/${signLease}/lessees`, { lessee_id: lessee, role: 'tenant' });
  const signDocument = (await http.post(`/api/leases/${signLease}/pdf`).set(tenant.auth).expect(201)).body.id as string;
  // Signing page: this workflow also has hosted signing links (a row in signing_links), sent before the code.
  const signature = (await http.post(`/api/leases/${signLease}/signature/initiate`).set(tenant.auth).send({ document_id: signDocument, signers: [{ type: 'owner', name: `${marker} Owner`, email: `${marker}-signer@example.fr` }], signing_links: true }).expect(201)).body;
  const signer = signature.signers[0].id as string;
  await http.post(`/api/leases/${signLease}/signature/signers/${signer}/otp`).set(tenant.auth).expect(200);
  // Started a year ago today, so that today is its first revision date whatever day the suite runs.
  const today = new Date().toISOString().slice(0, 10);
  const started = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}${today.slice(8) === '29' && today.slice(5, 7) === '02' ? '28' : today.slice(8)}`;
  const activeLease = await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: started, rent_amount: 700, charges_amount: 40, irl_reference_quarter: 'T3-2024', revision_date: today });
  await post(`/api/leases/${activeLease}/lessees`, { lessee_id: lessee, role: 'tenant' });
  await http.put(`/api/leases/${activeLease}/status`).set(tenant.auth).send({ status: 'ACTIVE' }).expect(200);
  const rentCall = await post(`/api/leases/${activeLease}/rent-calls`, { period: today.slice(0, 7) });
  const rentPayment = await post(`/api/leases/${activeLease}/payments-received`, { amount: 100, received_on: today, method: 'transfer' });
  const receipt = (await http.get(`/api/leases/${activeLease}/receipts`).set(tenant.auth).expect(200)).body.data[0].id as string;
  await http.put(`/api/leases/${activeLease}/rent`).set(tenant.auth).send({ rent_amount: 690, effective_date: addDaysTo(today, 30), reason: 'amendment' }).expect(200);
  for (const [quarter, value] of [['T3-2024', 144.51], ['T3-2025', 145.77]] as const) {
    await http.put(`/internal/rent-indices/${quarter}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ value, source: 'test fixture' }).expect(200);
  }
  const revision = await post(`/api/leases/${activeLease}/rent-revisions`, { new_irl_quarter: 'T3-2025', effective_date: today });
  const run = (await http.post('/api/rent-calls/runs').set(tenant.auth).send({ month: '2031-01' }).expect(202)).body.id as string;
  const endingLease = await post('/api/leases', { estate_id: estate, lease_type: 'furnished', start_date: addDaysTo(today, -400), rent_amount: 650, deposit_amount: 1300, reference_number: `${marker}-ENDING` });
  await post(`/api/leases/${endingLease}/lessees`, { lessee_id: lessee, role: 'tenant' });
  await http.put(`/api/leases/${endingLease}/status`).set(tenant.auth).send({ status: 'ACTIVE' }).expect(200);
  const notice = await post(`/api/leases/${endingLease}/notices`, { given_by: 'lessee', reason: 'job_transfer', received_on: addDaysTo(today, -40) });
  await http.put(`/api/leases/${endingLease}/termination/checklist/keys_returned`).set(tenant.auth).send({ done: true }).expect(200);
  await http.post(`/api/leases/${endingLease}/deposit/return`).set(tenant.auth).send({ deductions: [{ label: `${marker} ménage`, amount: 90, reason: 'Logement rendu sale' }], exit_matches_entry: true }).expect(201);
  // Condition reports: the entry report under signature (initiated, no code sent), the exit report DRAFT, a wear grid.
  const reports = `/api/leases/${activeLease}/condition-reports`;
  const entryReport = await post(reports, { kind: 'entry', performed_on: started });
  const entryPdf = await post(`${reports}/${entryReport}/pdf`, {});
  await post(`${reports}/${entryReport}/signature/initiate`, { document_id: entryPdf, signers: [{ type: 'owner', name: `${marker} Owner`, email: `${marker}-signer@example.fr` }] });
  const exitReport = await post(reports, { kind: 'exit', performed_on: today });
  await http.put('/api/wear-grid').set(tenant.auth).send({ items: [{ item_kind: 'paint', lifetime_years: 9, neutral_years: 2, residual_percent: 10 }] }).expect(200);
  // A DRAFT amendment of the running lease (so every write route reaches its checks), with its PDF
  // and a signature started then cancelled (so every signature route has something to show; the
  // credit comes back). Nothing here is notified: the outbox's newest message stays the signer's code.
  const amendment = await post(`/api/leases/${activeLease}/amendments`, { type: 'duration_change', effective_date: today, changes: { end_date: addDaysTo(today, 3 * 365) }, description: `${marker} avenant` });
  const amendmentPdf = (await http.post(`/api/leases/${activeLease}/amendments/${amendment}/pdf`).set(tenant.auth).expect(201)).body.id as string;
  await post(`/api/leases/${activeLease}/amendments/${amendment}/signature/initiate`, { document_id: amendmentPdf, signers: [{ type: 'owner', name: `${marker} Owner`, email: `${marker}-signer@example.fr` }] });
  await http.post(`/api/leases/${activeLease}/amendments/${amendment}/signature/cancel`).set(tenant.auth).expect(200);
  // --- Webhooks: an endpoint for lease status changes (none happens after it), pinged once. Its host
  // is not resolved here (none in tests): a name that does not resolve yet is accepted at creation.
  const webhookEndpoint = await post('/api/webhook-endpoints', { url: `https://hooks.example.com/${marker}`, events: ['lease.status_changed'], description: `${marker} hooks` });
  const ping = (await http.post(`/api/webhook-endpoints/${webhookEndpoint}/test`).set(tenant.auth).expect(202)).body as { id: string; event_id: string };
  // --- end of webhooks
  // --- Dashboard: one request with a known id, for the request log's isolation rows.
  const requestId = `iso-${marker}-${randomUuid()}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  await http.get('/api/owners?per_page=1').set(tenant.auth).set('X-Request-Id', requestId).expect(200);
  // --- end of dashboard
  const outbox = await http.get(internalPath(tenant, `/internal/tenants/${tenant.id}/outbox?per_page=1`)).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  const apiKeys = await http.get(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  const space = await http.get(internalPath(tenant, `/internal/tenants/${tenant.id}`)).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  return {
    tenant, marker, spaceId: space.body.id as string, owner, user: tenant.adminUserId, apiKey: apiKeys.body.data[0].id, place, estate, room, equipment, lessee, contact, lease, charge, document, media,
    payment, signLease, signature: signature.id, signer, message: outbox.body.data[0].id, activeLease, rentCall, rentPayment, receipt, revision, run,
    endingLease, notice,
    entryReport, exitReport, amendment,
    webhookEndpoint, event: ping.event_id, webhookDelivery: ping.id,
    requestId,
  };
}

function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Ids that exist nowhere: the "missing" side of every comparison. */
export function randomIds(): ResourceIds {
  return Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, randomUuid()])) as unknown as ResourceIds;
}

/** Where each tenant reads back what it made: its own rows only, in these lists. */
export const OWN_LISTS: { path: (f: TenantFixture) => string; kind: keyof ResourceIds }[] = [
  { path: () => '/api/owners', kind: 'owner' },
  { path: () => '/api/places', kind: 'place' },
  { path: () => '/api/estates', kind: 'estate' },
  { path: (f) => `/api/places/${f.place}/estates/${f.estate}/rooms`, kind: 'room' },
  { path: () => '/api/equipment', kind: 'equipment' },
  { path: () => '/api/lessees', kind: 'lessee' },
  { path: () => '/api/contacts', kind: 'contact' },
  { path: () => '/api/leases?status=DRAFT', kind: 'lease' },
  { path: (f) => `/api/leases/${f.lease}/charges`, kind: 'charge' },
  { path: (f) => `/api/leases/${f.lease}/documents`, kind: 'document' },
  { path: () => '/api/media', kind: 'media' },
  { path: () => '/api/payments', kind: 'payment' },
  { path: (f) => `/api/leases/${f.activeLease}/rent-calls`, kind: 'rentCall' },
  { path: (f) => `/api/leases/${f.activeLease}/payments-received`, kind: 'rentPayment' },
  { path: (f) => `/api/leases/${f.activeLease}/receipts`, kind: 'receipt' },
  { path: (f) => `/api/leases/${f.activeLease}/rent-revisions`, kind: 'revision' },
  { path: () => '/api/rent-calls/runs', kind: 'run' },
  { path: (f) => `/api/leases/${f.endingLease}/notices`, kind: 'notice' },
  // Condition reports
  { path: (f) => `/api/leases/${f.activeLease}/condition-reports?kind=entry`, kind: 'entryReport' },
  { path: (f) => `/api/leases/${f.activeLease}/condition-reports?kind=exit`, kind: 'exitReport' },
  { path: (f) => `/api/leases/${f.activeLease}/amendments`, kind: 'amendment' },
  // Webhooks
  { path: () => '/api/webhook-endpoints', kind: 'webhookEndpoint' },
  { path: (f) => `/api/webhook-endpoints/${f.webhookEndpoint}/deliveries`, kind: 'webhookDelivery' },
  { path: () => '/api/events?type=ping', kind: 'event' },
];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A request by tenant A (`caller`) naming resources of `target`: tenant B's ids, or random ones.
 * Both must answer the same 404 and change nothing of B.
 */
export interface ForeignIdCase {
  name: string;
  method: Method;
  path: (caller: TenantFixture, target: ResourceIds) => string;
  body?: (caller: TenantFixture, target: ResourceIds) => object;
  /** Multipart text fields (an upload); the file is a small valid PNG. */
  upload?: (caller: TenantFixture, target: ResourceIds) => Record<string, string>;
  internal?: boolean;
  /** Users and API keys belong to the live tenant: meaningless between a tenant's two data spaces. */
  liveOnly?: boolean;
  /** The status both the foreign and the missing id get (default 404). */
  status?: number;
}

const crud = (name: string, path: (c: TenantFixture, t: ResourceIds) => string, update: object, methods: Method[] = ['get', 'put', 'patch', 'delete']): ForeignIdCase[] =>
  methods.map((method) => ({ name: `${method.toUpperCase()} ${name}`, method, path, body: method === 'put' || method === 'patch' ? () => update : undefined }));

// Condition reports: every route on B's lease, B's reports under A's lease, and every id a body names.
const reportsOf = (lease: string, rest = '') => `/api/leases/${lease}/condition-reports${rest}`;
const OWNER_SIGNER = { signers: [{ type: 'owner', name: 'x', email: 'x@example.fr' }] };
const CONDITION_REPORT_CASES: ForeignIdCase[] = [
  { name: 'GET /api/leases/{B}/condition-reports', method: 'get', path: (_c, t) => reportsOf(t.activeLease) },
  { name: 'POST /api/leases/{B}/condition-reports', method: 'post', path: (_c, t) => reportsOf(t.activeLease), body: () => ({ kind: 'exit', performed_on: '2030-01-01' }) },
  { name: 'GET /api/leases/{B}/condition-reports/compare', method: 'get', path: (_c, t) => reportsOf(t.activeLease, '/compare') },
  ...crud('/api/leases/{A}/condition-reports/{B}', (c, t) => reportsOf(c.activeLease, `/${t.exitReport}`), { notes: 'Hijacked' }),
  ...crud('/api/leases/{B}/condition-reports/{B}', (_c, t) => reportsOf(t.activeLease, `/${t.exitReport}`), { notes: 'Hijacked' }),
  { name: 'POST /api/leases/{A}/condition-reports/{B}/pdf', method: 'post', path: (c, t) => reportsOf(c.activeLease, `/${t.exitReport}/pdf`) },
  { name: 'POST /api/leases/{B}/condition-reports/{B}/pdf', method: 'post', path: (_c, t) => reportsOf(t.activeLease, `/${t.exitReport}/pdf`) },
  { name: 'PUT /api/leases/{A}/condition-reports/{A} {media_ids: [B]}', method: 'put', path: (c) => reportsOf(c.activeLease, `/${c.exitReport}`), body: (c, t) => ({ items: [{ key: `equipment:${c.equipment}`, media_ids: [t.media] }] }) },
  { name: 'PUT /api/leases/{A}/condition-reports/{A} {room_id: B}', method: 'put', path: (c) => reportsOf(c.activeLease, `/${c.exitReport}`), body: (c, t) => ({ items: [{ key: `room:${c.room}:walls`, room_id: t.room }] }) },
  { name: 'PUT /api/leases/{A}/condition-reports/{A} {equipment_id: B}', method: 'put', path: (c) => reportsOf(c.activeLease, `/${c.exitReport}`), body: (c, t) => ({ items: [{ key: `equipment:${c.equipment}`, equipment_id: t.equipment }] }) },
  { name: 'GET /api/leases/{A}/condition-reports/{B}/signature', method: 'get', path: (c, t) => reportsOf(c.activeLease, `/${t.entryReport}/signature`) },
  { name: 'GET /api/leases/{B}/condition-reports/{B}/signature', method: 'get', path: (_c, t) => reportsOf(t.activeLease, `/${t.entryReport}/signature`) },
  { name: 'POST /api/leases/{A}/condition-reports/{B}/signature/initiate', method: 'post', path: (c, t) => reportsOf(c.activeLease, `/${t.exitReport}/signature/initiate`), body: (c) => ({ document_id: c.document, ...OWNER_SIGNER }) },
  { name: 'POST /api/leases/{A}/condition-reports/{A}/signature/initiate {document_id: B}', method: 'post', path: (c) => reportsOf(c.activeLease, `/${c.exitReport}/signature/initiate`), body: (_c, t) => ({ document_id: t.document, ...OWNER_SIGNER }) },
  { name: 'POST /api/leases/{A}/condition-reports/{A}/signature/signers/{B}/otp', method: 'post', path: (c, t) => reportsOf(c.activeLease, `/${c.entryReport}/signature/signers/${t.signer}/otp`) },
  { name: 'POST /api/leases/{B}/condition-reports/{B}/signature/cancel', method: 'post', path: (_c, t) => reportsOf(t.activeLease, `/${t.entryReport}/signature/cancel`) },
  { name: 'GET /api/leases/{B}/condition-reports/{B}/signature/document', method: 'get', path: (_c, t) => reportsOf(t.activeLease, `/${t.entryReport}/signature/document`) },
  { name: 'GET /api/leases/{B}/condition-reports/{B}/signature/proof', method: 'get', path: (_c, t) => reportsOf(t.activeLease, `/${t.entryReport}/signature/proof`) },
];

// Webhooks: every route on B's endpoint, B's delivery under A's endpoint, B's event.
const hooksOf = (endpoint: string, rest = '') => `/api/webhook-endpoints/${endpoint}${rest}`;
const WEBHOOK_CASES: ForeignIdCase[] = [
  ...crud('/api/webhook-endpoints/{B}', (_c, t) => hooksOf(t.webhookEndpoint), { description: 'Hijacked' }),
  { name: 'PUT /api/webhook-endpoints/{B} {enabled: false}', method: 'put', path: (_c, t) => hooksOf(t.webhookEndpoint), body: () => ({ enabled: false }) },
  { name: 'POST /api/webhook-endpoints/{B}/rotate-secret', method: 'post', path: (_c, t) => hooksOf(t.webhookEndpoint, '/rotate-secret') },
  { name: 'POST /api/webhook-endpoints/{B}/test', method: 'post', path: (_c, t) => hooksOf(t.webhookEndpoint, '/test') },
  { name: 'GET /api/webhook-endpoints/{B}/deliveries', method: 'get', path: (_c, t) => hooksOf(t.webhookEndpoint, '/deliveries') },
  { name: 'POST /api/webhook-endpoints/{B}/deliveries/{B}/retry', method: 'post', path: (_c, t) => hooksOf(t.webhookEndpoint, `/deliveries/${t.webhookDelivery}/retry`) },
  { name: 'POST /api/webhook-endpoints/{A}/deliveries/{B}/retry', method: 'post', path: (c, t) => hooksOf(c.webhookEndpoint, `/deliveries/${t.webhookDelivery}/retry`) },
  { name: 'GET /api/events/{B}', method: 'get', path: (_c, t) => `/api/events/${t.event}` },
];

// Tenant data (issue 15): erasing B's lessee from A answers 404 and leaves it whole.
const TENANT_DATA_CASES: ForeignIdCase[] = [
  { name: 'POST /api/lessees/{B}/erase', method: 'post', path: (_c, t) => `/api/lessees/${t.lessee}/erase` },
];

export const FOREIGN_ID_CASES: ForeignIdCase[] = [
  // Owners
  ...crud('/api/owners/{B}', (_c, t) => `/api/owners/${t.owner}`, { city: 'Hijacked' }),
  // Places, and the owner they reference
  ...crud('/api/places/{B}', (_c, t) => `/api/places/${t.place}`, { name: 'Hijacked' }),
  { name: 'POST /api/places {owner_id: B}', method: 'post', path: () => '/api/places', body: (_c, t) => ({ name: 'x', owner_id: t.owner, place_category: 'individual', street_name: 'x', postal_code: '75001', city: 'Paris' }) },
  { name: 'PUT /api/places/{A} {owner_id: B}', method: 'put', path: (c) => `/api/places/${c.place}`, body: (_c, t) => ({ owner_id: t.owner }) },
  { name: 'PUT /api/places/{A}/estates/{A} {owner_id: B}', method: 'put', path: (c) => `/api/places/${c.place}/estates/${c.estate}`, body: (_c, t) => ({ owner_id: t.owner }) },
  // Estates, nested and flat
  { name: 'GET /api/places/{B}/estates', method: 'get', path: (_c, t) => `/api/places/${t.place}/estates` },
  { name: 'POST /api/places/{B}/estates', method: 'post', path: (_c, t) => `/api/places/${t.place}/estates`, body: () => ({ name: 'x', estate_type: 'studio' }) },
  { name: 'POST /api/places/{A}/estates {owner_id: B}', method: 'post', path: (c) => `/api/places/${c.place}/estates`, body: (_c, t) => ({ name: 'x', estate_type: 'studio', owner_id: t.owner }) },
  ...crud('/api/places/{A}/estates/{B}', (c, t) => `/api/places/${c.place}/estates/${t.estate}`, { name: 'Hijacked' }),
  ...crud('/api/places/{B}/estates/{B}', (_c, t) => `/api/places/${t.place}/estates/${t.estate}`, { name: 'Hijacked' }),
  ...crud('/api/estates/{B}', (_c, t) => `/api/estates/${t.estate}`, { name: 'Hijacked' }, ['get', 'put', 'patch']),
  { name: 'PUT /api/estates/{A} {place_id: B}', method: 'put', path: (c) => `/api/estates/${c.estate}`, body: (_c, t) => ({ place_id: t.place }) },
  { name: 'PUT /api/estates/{A} {owner_id: B}', method: 'put', path: (c) => `/api/estates/${c.estate}`, body: (_c, t) => ({ owner_id: t.owner }) },
  // Rooms under a unit
  { name: 'GET /api/places/{A}/estates/{B}/rooms', method: 'get', path: (c, t) => `/api/places/${c.place}/estates/${t.estate}/rooms` },
  { name: 'POST /api/places/{A}/estates/{B}/rooms', method: 'post', path: (c, t) => `/api/places/${c.place}/estates/${t.estate}/rooms`, body: () => ({ room_type: 'kitchen', designation: 'x' }) },
  { name: 'POST /api/places/{B}/estates/{B}/rooms', method: 'post', path: (_c, t) => `/api/places/${t.place}/estates/${t.estate}/rooms`, body: () => ({ room_type: 'kitchen', designation: 'x' }) },
  ...crud('/api/places/{A}/estates/{A}/rooms/{B}', (c, t) => `/api/places/${c.place}/estates/${c.estate}/rooms/${t.room}`, { designation: 'Hijacked' }),
  ...crud('/api/places/{B}/estates/{B}/rooms/{B}', (_c, t) => `/api/places/${t.place}/estates/${t.estate}/rooms/${t.room}`, { designation: 'Hijacked' }),
  // Equipment and the three parents it can reference
  ...crud('/api/equipment/{B}', (_c, t) => `/api/equipment/${t.equipment}`, { name: 'Hijacked' }),
  { name: 'POST /api/equipment {place_id: B}', method: 'post', path: () => '/api/equipment', body: (_c, t) => ({ name: 'x', equipment_type: 'x', place_id: t.place }) },
  { name: 'POST /api/equipment {estate_id: B}', method: 'post', path: () => '/api/equipment', body: (_c, t) => ({ name: 'x', equipment_type: 'x', estate_id: t.estate }) },
  { name: 'POST /api/equipment {room_id: B}', method: 'post', path: () => '/api/equipment', body: (_c, t) => ({ name: 'x', equipment_type: 'x', room_id: t.room }) },
  { name: 'PUT /api/equipment/{A} {room_id: B}', method: 'put', path: (c) => `/api/equipment/${c.equipment}`, body: (_c, t) => ({ room_id: t.room }) },
  { name: 'PUT /api/equipment/{A} {place_id: B}', method: 'put', path: (c) => `/api/equipment/${c.equipment}`, body: (_c, t) => ({ place_id: t.place }) },
  { name: 'PUT /api/equipment/{A} {estate_id: B}', method: 'put', path: (c) => `/api/equipment/${c.equipment}`, body: (_c, t) => ({ estate_id: t.estate }) },
  // Lessees and contacts
  ...crud('/api/lessees/{B}', (_c, t) => `/api/lessees/${t.lessee}`, { last_name: 'Hijacked' }),
  // A bulk create cannot name existing rows at all: an id is an unknown field, foreign or not.
  { name: 'POST /api/lessees/bulk naming B\'s ids', method: 'post', path: () => '/api/lessees/bulk', body: (_c, t) => ({ lessees: [{ id: t.lessee, category: 'individual', last_name: 'Hijacked' }, { category: 'guarantor', last_name: 'x', id: t.contact }] }), status: 400 },
  ...crud('/api/contacts/{B}', (_c, t) => `/api/contacts/${t.contact}`, { legal_name: 'Hijacked' }),
  // Leases, their status, parties and charges, and every id they reference
  ...crud('/api/leases/{B}', (_c, t) => `/api/leases/${t.lease}`, { rent_amount: 1 }),
  { name: 'PUT /api/leases/{B}/status', method: 'put', path: (_c, t) => `/api/leases/${t.lease}/status`, body: () => ({ status: 'CANCELLED' }) },
  { name: 'POST /api/leases {estate_id: B}', method: 'post', path: () => '/api/leases', body: (_c, t) => ({ estate_id: t.estate, lease_type: 'furnished', start_date: '2026-01-01', rent_amount: 1 }) },
  { name: 'PUT /api/leases/{A} {estate_id: B}', method: 'put', path: (c) => `/api/leases/${c.lease}`, body: (_c, t) => ({ estate_id: t.estate }) },
  { name: 'GET /api/leases/{B}/lessees', method: 'get', path: (_c, t) => `/api/leases/${t.lease}/lessees` },
  { name: 'POST /api/leases/{B}/lessees {lessee_id: A}', method: 'post', path: (_c, t) => `/api/leases/${t.lease}/lessees`, body: (c) => ({ lessee_id: c.lessee, role: 'guarantor' }) },
  { name: 'POST /api/leases/{A}/lessees {lessee_id: B}', method: 'post', path: (c) => `/api/leases/${c.lease}/lessees`, body: (_c, t) => ({ lessee_id: t.lessee, role: 'guarantor' }) },
  { name: 'DELETE /api/leases/{B}/lessees/{B}', method: 'delete', path: (_c, t) => `/api/leases/${t.lease}/lessees/${t.lessee}` },
  { name: 'DELETE /api/leases/{A}/lessees/{B}', method: 'delete', path: (c, t) => `/api/leases/${c.lease}/lessees/${t.lessee}` },
  { name: 'PUT /api/leases/{B}/lessees/{B}/end', method: 'put', path: (_c, t) => `/api/leases/${t.lease}/lessees/${t.lessee}/end`, body: () => ({}) },
  { name: 'PUT /api/leases/{A}/lessees/{B}/end', method: 'put', path: (c, t) => `/api/leases/${c.activeLease}/lessees/${t.lessee}/end`, body: () => ({}) },
  { name: 'GET /api/leases/{B}/charges', method: 'get', path: (_c, t) => `/api/leases/${t.lease}/charges` },
  { name: 'POST /api/leases/{B}/charges', method: 'post', path: (_c, t) => `/api/leases/${t.lease}/charges`, body: () => ({ label: 'x', category: 'water', amount: 1, frequency: 'monthly' }) },
  ...crud('/api/leases/{A}/charges/{B}', (c, t) => `/api/leases/${c.lease}/charges/${t.charge}`, { amount: 1 }),
  ...crud('/api/leases/{B}/charges/{B}', (_c, t) => `/api/leases/${t.lease}/charges/${t.charge}`, { amount: 1 }),
  // Lease documents
  { name: 'POST /api/leases/{B}/pdf', method: 'post', path: (_c, t) => `/api/leases/${t.lease}/pdf` },
  { name: 'GET /api/leases/{B}/documents', method: 'get', path: (_c, t) => `/api/leases/${t.lease}/documents` },
  { name: 'GET /api/documents/{B}', method: 'get', path: (_c, t) => `/api/documents/${t.document}` },
  { name: 'GET /api/documents/{B}/download', method: 'get', path: (_c, t) => `/api/documents/${t.document}/download` },
  // Media, and every kind of entity an upload can point at
  { name: 'GET /api/media/{B}', method: 'get', path: (_c, t) => `/api/media/${t.media}` },
  { name: 'GET /api/media/{B}/download', method: 'get', path: (_c, t) => `/api/media/${t.media}/download` },
  { name: 'DELETE /api/media/{B}', method: 'delete', path: (_c, t) => `/api/media/${t.media}` },
  ...(['place', 'estate', 'room', 'equipment', 'lease', 'owner', 'lessee', 'contact'] as const).map(
    (kind): ForeignIdCase => ({ name: `POST /api/media {entity_type: ${kind}, entity_id: B}`, method: 'post', path: () => '/api/media', upload: (_c, t) => ({ entity_type: kind, entity_id: t[kind] }) }),
  ),
  // Credits, payments and signatures
  { name: 'GET /api/payments/{B}', method: 'get', path: (_c, t) => `/api/payments/${t.payment}` },
  { name: 'POST /internal/tenants/{A}/payments/{B}/complete', method: 'post', path: (c, t) => internalPath(c.tenant, `/internal/tenants/${c.tenant.id}/payments/${t.payment}/complete`), internal: true },
  { name: 'GET /api/leases/{B}/signature', method: 'get', path: (_c, t) => `/api/leases/${t.signLease}/signature` },
  { name: 'POST /api/leases/{B}/signature/initiate', method: 'post', path: (_c, t) => `/api/leases/${t.lease}/signature/initiate`, body: (c) => ({ document_id: c.document, signers: [{ type: 'owner', name: 'x', email: 'x@example.fr' }] }) },
  { name: 'POST /api/leases/{A}/signature/initiate {document_id: B}', method: 'post', path: (c) => `/api/leases/${c.lease}/signature/initiate`, body: (_c, t) => ({ document_id: t.document, signers: [{ type: 'owner', name: 'x', email: 'x@example.fr' }] }) },
  { name: 'POST /api/leases/{B}/signature/signers/{B}/otp', method: 'post', path: (_c, t) => `/api/leases/${t.signLease}/signature/signers/${t.signer}/otp` },
  { name: 'POST /api/leases/{A}/signature/signers/{B}/otp', method: 'post', path: (c, t) => `/api/leases/${c.signLease}/signature/signers/${t.signer}/otp` },
  { name: 'POST /api/leases/{B}/signature/signers/{B}/validate', method: 'post', path: (_c, t) => `/api/leases/${t.signLease}/signature/signers/${t.signer}/validate`, body: () => ({ otp: '000000' }) },
  { name: 'POST /api/leases/{A}/signature/signers/{B}/validate', method: 'post', path: (c, t) => `/api/leases/${c.signLease}/signature/signers/${t.signer}/validate`, body: () => ({ otp: '000000' }) },
  { name: 'POST /api/leases/{B}/signature/cancel', method: 'post', path: (_c, t) => `/api/leases/${t.signLease}/signature/cancel` },
  { name: 'GET /api/leases/{B}/signature/document', method: 'get', path: (_c, t) => `/api/leases/${t.signLease}/signature/document` },
  { name: 'GET /api/leases/{B}/signature/proof', method: 'get', path: (_c, t) => `/api/leases/${t.signLease}/signature/proof` },
  // The rent cycle: every route of a lease (theirs), every child id (theirs, under our lease).
  ...(['rent', 'schedule', 'rent-calls', 'payments-received', 'receipts', 'rent-revisions', 'account'] as const).map(
    (route): ForeignIdCase => ({ name: `GET /api/leases/{B}/${route}`, method: 'get', path: (_c, t) => `/api/leases/${t.activeLease}/${route}` }),
  ),
  { name: 'PUT /api/leases/{B}/rent', method: 'put', path: (_c, t) => `/api/leases/${t.activeLease}/rent`, body: () => ({ rent_amount: 1, effective_date: '2030-01-01', reason: 'amendment' }) },
  { name: 'POST /api/leases/{B}/rent-calls', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/rent-calls`, body: () => ({ period: '2030-01' }) },
  { name: 'GET /api/leases/{A}/rent-calls/{B}', method: 'get', path: (c, t) => `/api/leases/${c.activeLease}/rent-calls/${t.rentCall}` },
  { name: 'GET /api/leases/{B}/rent-calls/{B}', method: 'get', path: (_c, t) => `/api/leases/${t.activeLease}/rent-calls/${t.rentCall}` },
  { name: 'GET /api/leases/{A}/rent-calls/{B}/pdf', method: 'get', path: (c, t) => `/api/leases/${c.activeLease}/rent-calls/${t.rentCall}/pdf` },
  { name: 'POST /api/leases/{B}/payments-received', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/payments-received`, body: () => ({ amount: 1, received_on: '2030-01-01', method: 'cash' }) },
  { name: 'GET /api/leases/{A}/payments-received/{B}', method: 'get', path: (c, t) => `/api/leases/${c.activeLease}/payments-received/${t.rentPayment}` },
  { name: 'POST /api/leases/{A}/payments-received/{B}/reverse', method: 'post', path: (c, t) => `/api/leases/${c.activeLease}/payments-received/${t.rentPayment}/reverse`, body: () => ({ reversed_on: '2030-01-01' }) },
  { name: 'POST /api/leases/{B}/payments-received/{B}/reverse', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/payments-received/${t.rentPayment}/reverse`, body: () => ({ reversed_on: '2030-01-01' }) },
  { name: 'POST /api/leases/{B}/receipts/generate', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/receipts/generate`, body: () => ({ period: '2030-01-01' }) },
  { name: 'GET /api/leases/{A}/receipts/{B}', method: 'get', path: (c, t) => `/api/leases/${c.activeLease}/receipts/${t.receipt}` },
  { name: 'GET /api/leases/{A}/receipts/{B}/pdf', method: 'get', path: (c, t) => `/api/leases/${c.activeLease}/receipts/${t.receipt}/pdf` },
  { name: 'POST /api/leases/{B}/rent-revisions/simulate', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/rent-revisions/simulate`, body: () => ({ new_irl_quarter: 'T3-2025', effective_date: '2030-01-01' }) },
  { name: 'POST /api/leases/{B}/rent-revisions', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/rent-revisions`, body: () => ({ new_irl_quarter: 'T3-2025', effective_date: '2030-01-01' }) },
  { name: 'POST /api/leases/{A}/rent-revisions/{B}/apply', method: 'post', path: (c, t) => `/api/leases/${c.activeLease}/rent-revisions/${t.revision}/apply` },
  { name: 'GET /api/rent-calls/runs/{B}', method: 'get', path: (_c, t) => `/api/rent-calls/runs/${t.run}` },
  // The end of a lease: every route of their lease, their notice under ours.
  { name: 'POST /api/leases/{B}/notices', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/notices`, body: () => ({ given_by: 'lessee', reason: 'standard', received_on: '2026-01-15' }) },
  { name: 'GET /api/leases/{B}/notices', method: 'get', path: (_c, t) => `/api/leases/${t.endingLease}/notices` },
  { name: 'GET /api/leases/{A}/notices/{B}', method: 'get', path: (c, t) => `/api/leases/${c.endingLease}/notices/${t.notice}` },
  { name: 'GET /api/leases/{B}/notices/{B}', method: 'get', path: (_c, t) => `/api/leases/${t.endingLease}/notices/${t.notice}` },
  { name: 'POST /api/leases/{B}/termination', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/termination`, body: () => ({ reason: 'Hijacked', effective_date: '2030-01-01' }) },
  { name: 'GET /api/leases/{B}/termination', method: 'get', path: (_c, t) => `/api/leases/${t.endingLease}/termination` },
  { name: 'PUT /api/leases/{B}/termination/checklist/charges_settled', method: 'put', path: (_c, t) => `/api/leases/${t.endingLease}/termination/checklist/charges_settled`, body: () => ({ done: true }) },
  { name: 'PUT /api/leases/{B}/termination/relet', method: 'put', path: (_c, t) => `/api/leases/${t.endingLease}/termination/relet`, body: () => ({ relet_from: '2030-01-01' }) },
  { name: 'PUT /api/leases/{B}/termination/complete', method: 'put', path: (_c, t) => `/api/leases/${t.endingLease}/termination/complete` },
  { name: 'POST /api/leases/{B}/termination/force', method: 'post', path: (_c, t) => `/api/leases/${t.endingLease}/termination/force`, body: () => ({ reason: 'Hijacked' }) },
  { name: 'PUT /api/leases/{B}/archive', method: 'put', path: (_c, t) => `/api/leases/${t.endingLease}/archive` },
  { name: 'POST /api/leases/{B}/deposit/return', method: 'post', path: (_c, t) => `/api/leases/${t.endingLease}/deposit/return`, body: () => ({ deductions: [], exit_matches_entry: true }) },
  { name: 'GET /api/leases/{B}/deposit/return', method: 'get', path: (_c, t) => `/api/leases/${t.endingLease}/deposit/return` },
  { name: 'PUT /api/leases/{B}/deposit/return', method: 'put', path: (_c, t) => `/api/leases/${t.endingLease}/deposit/return`, body: () => ({ forwarding_address_on: '2026-01-01' }) },
  ...CONDITION_REPORT_CASES,
  ...amendmentCases(),
  ...WEBHOOK_CASES,
  ...TENANT_DATA_CASES,
  // Internal API: the tenant in the path scopes every id below it.
  { name: 'PUT /internal/tenants/{A}/users/{B}', method: 'put', path: (c, t) => `/internal/tenants/${c.tenant.id}/users/${t.user}`, body: () => ({ display_name: 'Hijacked', disabled: true }), internal: true, liveOnly: true },
  { name: 'POST /internal/tenants/{A}/api-keys {user_id: B}', method: 'post', path: (c) => `/internal/tenants/${c.tenant.id}/api-keys`, body: (_c, t) => ({ user_id: t.user, name: 'stolen' }), internal: true, liveOnly: true },
  { name: 'DELETE /internal/tenants/{A}/api-keys/{B}', method: 'delete', path: (c, t) => `/internal/tenants/${c.tenant.id}/api-keys/${t.apiKey}`, internal: true, liveOnly: true },
  { name: 'POST /internal/tenants/{A}/outbox/{B}/delivered', method: 'post', path: (c, t) => internalPath(c.tenant, `/internal/tenants/${c.tenant.id}/outbox/${t.message}/delivered`), internal: true },
];

/** Amendments: every route under their lease (theirs), every amendment (theirs, under our lease), every body reference. */
function amendmentCases(): ForeignIdCase[] {
  const under = (path: string) => [
    { lease: 'B', path: (_c: TenantFixture, t: ResourceIds) => `/api/leases/${t.activeLease}/amendments/${t.amendment}${path}` },
    { lease: 'A', path: (c: TenantFixture, t: ResourceIds) => `/api/leases/${c.activeLease}/amendments/${t.amendment}${path}` },
  ];
  const routes: { method: Method; path: string; body?: () => object }[] = [
    { method: 'get', path: '' },
    { method: 'put', path: '', body: () => ({ description: 'Hijacked' }) },
    { method: 'patch', path: '', body: () => ({ effective_date: '2030-01-01' }) },
    { method: 'post', path: '/cancel' },
    { method: 'post', path: '/pdf' },
    { method: 'post', path: '/apply' },
    { method: 'get', path: '/history' },
    { method: 'get', path: '/signature' },
    { method: 'post', path: '/signature/initiate', body: () => ({ document_id: randomUuid(), signers: [{ type: 'owner', name: 'x', email: 'x@example.fr' }] }) },
    { method: 'post', path: '/signature/cancel' },
    { method: 'get', path: '/signature/document' },
    { method: 'get', path: '/signature/proof' },
  ];
  const endDate = { type: 'duration_change', effective_date: '2030-01-01', changes: { end_date: '2033-12-31' } };
  return [
    { name: 'GET /api/leases/{B}/amendments', method: 'get', path: (_c, t) => `/api/leases/${t.activeLease}/amendments` },
    { name: 'POST /api/leases/{B}/amendments', method: 'post', path: (_c, t) => `/api/leases/${t.activeLease}/amendments`, body: () => endDate },
    ...routes.flatMap((route) => under(route.path).map(({ lease, path }): ForeignIdCase => ({ name: `${route.method.toUpperCase()} /api/leases/{${lease}}/amendments/{B}${route.path}`, method: route.method, path, body: route.body }))),
    ...(['otp', 'validate'] as const).map((action): ForeignIdCase => ({
      name: `POST /api/leases/{A}/amendments/{A}/signature/signers/{B}/${action}`, method: 'post', path: (c, t) => `/api/leases/${c.activeLease}/amendments/${c.amendment}/signature/signers/${t.signer}/${action}`, body: action === 'validate' ? () => ({ otp: '000000' }) : undefined,
    })),
    { name: 'POST /api/leases/{A}/amendments/{A}/signature/initiate {document_id: B}', method: 'post', path: (c) => `/api/leases/${c.activeLease}/amendments/${c.amendment}/signature/initiate`, body: (_c, t) => ({ document_id: t.document, signers: [{ type: 'owner', name: 'x', email: 'x@example.fr' }] }) },
    { name: 'POST /api/leases/{A}/amendments {co_tenant_added: lessee B}', method: 'post', path: (c) => `/api/leases/${c.activeLease}/amendments`, body: (_c, t) => ({ type: 'co_tenant_added', effective_date: '2030-01-01', changes: { lessee_id: t.lessee, role: 'guarantor' } }) },
    { name: 'POST /api/leases/{A}/amendments {co_tenant_removed: lessee B}', method: 'post', path: (c) => `/api/leases/${c.activeLease}/amendments`, body: (_c, t) => ({ type: 'co_tenant_removed', effective_date: '2030-01-01', changes: { lessee_id: t.lessee, notice_date: '2029-10-01' } }) },
    { name: 'PUT /api/leases/{A}/amendments/{A} {co_tenant_added: lessee B}', method: 'put', path: (c) => `/api/leases/${c.activeLease}/amendments/${c.amendment}`, body: (_c, t) => ({ type: 'co_tenant_added', changes: { lessee_id: t.lessee, role: 'guarantor' } }) },
  ];
}

export interface ListCase {
  name: string;
  path: (caller: TenantFixture, victim: TenantFixture) => string;
  internal?: boolean;
  liveOnly?: boolean;
}

/** Lists of tenant A, including filters naming B's ids or matching B's marker. */
export const LIST_CASES: ListCase[] = [
  { name: 'GET /api/owners', path: () => '/api/owners?per_page=100' },
  { name: 'GET /api/owners?search=B', path: (_c, v) => `/api/owners?per_page=100&search=${v.marker}` },
  { name: 'GET /api/owners?owner_category', path: () => '/api/owners?per_page=100&owner_category=company&sort=legal_name' },
  { name: 'GET /api/places', path: () => '/api/places?per_page=100' },
  { name: 'GET /api/places?owner_id=B', path: (_c, v) => `/api/places?owner_id=${v.owner}` },
  { name: 'GET /api/places?search=B', path: (_c, v) => `/api/places?search=${v.marker}` },
  { name: 'GET /api/estates', path: () => '/api/estates?per_page=100' },
  { name: 'GET /api/estates?place_id=B', path: (_c, v) => `/api/estates?place_id=${v.place}` },
  { name: 'GET /api/places/{A}/estates', path: (c) => `/api/places/${c.place}/estates` },
  { name: 'GET /api/places/{A}/estates/{A}/rooms', path: (c) => `/api/places/${c.place}/estates/${c.estate}/rooms` },
  { name: 'GET /api/equipment', path: () => '/api/equipment?per_page=100' },
  { name: 'GET /api/equipment?place_id=B', path: (_c, v) => `/api/equipment?place_id=${v.place}` },
  { name: 'GET /api/equipment?estate_id=B', path: (_c, v) => `/api/equipment?estate_id=${v.estate}` },
  { name: 'GET /api/equipment?room_id=B', path: (_c, v) => `/api/equipment?room_id=${v.room}` },
  { name: 'GET /api/lessees', path: () => '/api/lessees?per_page=100' },
  { name: 'GET /api/lessees?search=B', path: (_c, v) => `/api/lessees?per_page=100&search=${v.marker}` },
  { name: 'GET /api/contacts', path: () => '/api/contacts?per_page=100' },
  { name: 'GET /api/contacts?search=B', path: (_c, v) => `/api/contacts?per_page=100&search=${v.marker}` },
  { name: 'GET /api/leases', path: () => '/api/leases?per_page=100' },
  { name: 'GET /api/leases?estate_id=B', path: (_c, v) => `/api/leases?estate_id=${v.estate}` },
  { name: 'GET /api/leases?lessee_id=B', path: (_c, v) => `/api/leases?lessee_id=${v.lessee}` },
  { name: 'GET /api/leases/{A}/lessees', path: (c) => `/api/leases/${c.lease}/lessees` },
  { name: 'GET /api/leases/{A}/charges', path: (c) => `/api/leases/${c.lease}/charges` },
  { name: 'GET /api/leases/{A}/documents', path: (c) => `/api/leases/${c.lease}/documents` },
  { name: 'GET /api/media', path: () => '/api/media?per_page=100' },
  { name: 'GET /api/media?entity_id=B', path: (_c, v) => `/api/media?entity_type=estate&entity_id=${v.estate}` },
  { name: 'GET /api/media?tag=B', path: (_c, v) => `/api/media?tag=${v.marker}` },
  { name: 'GET /api/payments', path: () => '/api/payments?per_page=100' },
  { name: 'GET /api/credits/transactions', path: () => '/api/credits/transactions?per_page=100' },
  { name: 'GET /api/arrears', path: () => '/api/arrears?per_page=100&min_amount=0.01' },
  { name: 'GET /api/rent-calls/runs', path: () => '/api/rent-calls/runs?per_page=100' },
  { name: 'GET /api/leases/{A}/payments-received', path: (c) => `/api/leases/${c.activeLease}/payments-received?per_page=100` },
  { name: 'GET /api/leases/{A}/receipts', path: (c) => `/api/leases/${c.activeLease}/receipts?per_page=100` },
  { name: 'GET /api/leases/{A}/notices', path: (c) => `/api/leases/${c.endingLease}/notices?per_page=100` },
  // Condition reports
  { name: 'GET /api/leases/{A}/condition-reports', path: (c) => `/api/leases/${c.activeLease}/condition-reports?per_page=100` },
  { name: 'GET /api/leases/{A}/amendments', path: (c) => `/api/leases/${c.activeLease}/amendments?per_page=100` },
  { name: 'GET /api/leases/{A}/amendments/{A}/history', path: (c) => `/api/leases/${c.activeLease}/amendments/${c.amendment}/history` },
  // Webhooks
  { name: 'GET /api/webhook-endpoints', path: () => '/api/webhook-endpoints?per_page=100' },
  { name: 'GET /api/webhook-endpoints/{A}/deliveries', path: (c) => `/api/webhook-endpoints/${c.webhookEndpoint}/deliveries?per_page=100` },
  { name: 'GET /api/events', path: () => '/api/events?per_page=100' },
  { name: 'GET /api/events?type=lease.status_changed', path: () => '/api/events?per_page=100&type=lease.status_changed' },
  // --- Audit trail: the caller's own events only, whatever the filter names of the other space.
  { name: 'GET /api/audit-events?resource_type=owner', path: () => '/api/audit-events?per_page=100&resource_type=owner' },
  { name: 'GET /api/audit-events?resource_id=B', path: (_c, v) => `/api/audit-events?per_page=100&resource_id=${v.owner}` },
  { name: 'GET /api/audit-events?actor=B', path: (_c, v) => `/api/audit-events?per_page=100&actor=${v.tenant.key.slice(0, 12)}` },
  { name: 'GET /internal/tenants/{A}/audit-events?resource_type=lease', path: (c) => internalPath(c.tenant, `/internal/tenants/${c.tenant.id}/audit-events?per_page=100&resource_type=lease`), internal: true },
  // --- end of audit trail
  // Dashboard: the request log (B's request id and key prefix find nothing of B's), the usage summary has no ids (test/dashboard.e2e-spec.ts)
  { name: 'GET /api/requests', path: () => '/api/requests?per_page=100&status_class=5xx' },
  { name: 'GET /api/requests?request_id=B', path: (_c, v) => `/api/requests?per_page=100&request_id=${v.requestId}` },
  { name: 'GET /api/requests?key_prefix=B', path: (_c, v) => `/api/requests?per_page=100&key_prefix=${v.tenant.key.slice(0, 12)}` },
  { name: 'GET /internal/tenants/{A}/requests?request_id=B', path: (c, v) => internalPath(c.tenant, `/internal/tenants/${c.tenant.id}/requests?per_page=100&request_id=${v.requestId}`), internal: true },
  { name: 'GET /internal/tenants/{A}/outbox', path: (c) => internalPath(c.tenant, `/internal/tenants/${c.tenant.id}/outbox?per_page=100`), internal: true },
  { name: 'GET /internal/tenants/{A}/users', path: (c) => `/internal/tenants/${c.tenant.id}/users?per_page=100`, internal: true, liveOnly: true },
  { name: 'GET /internal/tenants/{A}/api-keys', path: (c) => `/internal/tenants/${c.tenant.id}/api-keys?per_page=100`, internal: true, liveOnly: true },
];
