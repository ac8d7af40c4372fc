/**
 * Compile-time tests (npm run typecheck; never run): what the types accept and refuse. Each
 * `@ts-expect-error` fails the type-check if the line it marks ever compiles.
 */
import { createClient, type PageItem, type Schema } from '../src/index.js';

const client = createClient({ baseUrl: 'http://localhost:3000', apiKey: 'fp_sandbox_x' });

export async function typedCalls(): Promise<void> {
  const owner = await client.post('/api/owners', { body: { owner_category: 'individual', last_name: 'Dubois' } });
  owner.id satisfies string;
  owner satisfies Schema<'Owner'>;

  const fetched = await client.get('/api/owners/{id}', { path: { id: owner.id } });
  fetched.owner_category satisfies 'individual' | 'company' | 'sci';

  const page = await client.get('/api/owners', { query: { per_page: 5, owner_category: 'sci', sort: '-created_at' } });
  page.data satisfies Schema<'Owner'>[];
  page.meta.pagination?.has_next satisfies boolean | undefined;

  const updated = await client.patch('/api/owners/{id}', { path: { id: owner.id }, body: { city: 'Paris', email: null } });
  updated satisfies Schema<'Owner'>;
  (await client.put('/api/owners/{id}', { path: { id: owner.id }, body: {} })) satisfies Schema<'Owner'>;
  (await client.delete('/api/owners/{id}', { path: { id: owner.id } })) satisfies undefined;
  (await client.get('/api/documents/{id}/download', { path: { id: owner.id } })) satisfies Blob;
  (await client.get('/api/health')) satisfies unknown;
  await client.post('/api/owners', { body: { owner_category: 'sci', legal_name: 'SCI' }, idempotencyKey: 'order-42', signal: AbortSignal.timeout(5_000) });
  await client.put('/api/leases/{id}/termination/checklist/{key}', { path: { id: owner.id, key: 'keys_returned' }, body: { done: true } });

  const signature = await client.post('/api/leases/{id}/amendments/{amendment_id}/signature/initiate', {
    path: { id: owner.id, amendment_id: owner.id },
    body: { document_id: owner.id, signers: [{ type: 'owner', name: 'Claire Dubois', email: 'claire@example.fr' }] },
  });
  await client.post('/api/leases/{id}/amendments/{amendment_id}/signature/signers/{signer_id}/validate', {
    path: { id: owner.id, amendment_id: owner.id, signer_id: signature.signers[0].id },
    body: { otp: '000000' },
  });

  // The README's examples.
  await client.post('/api/leases', { body: { estate_id: owner.id, lease_type: 'unfurnished', start_date: '2027-01-01', rent_amount: 850.5 } });
  await client.post('/api/credits/purchase', { body: { package_id: owner.id, success_url: 'https://x/ok', cancel_url: 'https://x/ko' }, idempotencyKey: `purchase-${owner.id}` });
  for await (const sci of client.paginate('/api/owners', { query: { owner_category: 'sci', sort: 'legal_name' } })) sci.legal_name satisfies string | null | undefined;
  await client.get('/api/owners', { query: { page: 2 } });
  const lease: Schema<'CreateLeaseDto'> = { estate_id: owner.id, lease_type: 'furnished', start_date: '2027-01-01', rent_amount: 600 };
  void lease;

  for await (const item of client.paginate('/api/owners', { query: { owner_category: 'company' } })) item satisfies Schema<'Owner'>;
  const lessee: PageItem<'/api/lessees'> = {} as Schema<'Lessee'>;
  void lessee;
}

export async function refusedCalls(): Promise<void> {
  // @ts-expect-error no such route
  await client.get('/api/owner');
  // @ts-expect-error no POST on a single owner
  await client.post('/api/owners/{id}', { path: { id: 'x' } });
  // @ts-expect-error the body is required
  await client.post('/api/owners');
  // @ts-expect-error owner_category is required
  await client.post('/api/owners', { body: { last_name: 'Dubois' } });
  // @ts-expect-error not a category
  await client.post('/api/owners', { body: { owner_category: 'trust' } });
  // @ts-expect-error unknown field (the API refuses it too)
  await client.post('/api/owners', { body: { owner_category: 'individual', nickname: 'Clo' } });
  // @ts-expect-error the path parameter is required
  await client.get('/api/owners/{id}');
  // @ts-expect-error wrong path parameter name
  await client.get('/api/owners/{id}', { path: { owner_id: 'x' } });
  // @ts-expect-error not a filter of owners
  await client.get('/api/owners', { query: { status: 'ACTIVE' } });
  // @ts-expect-error not a sort key of owners
  await client.get('/api/owners', { query: { sort: 'rent_amount' } });
  // @ts-expect-error not a checklist key
  await client.put('/api/leases/{id}/termination/checklist/{key}', { path: { id: 'x', key: 'lights_off' }, body: { done: true } });
  // @ts-expect-error the amendment is part of the path
  await client.get('/api/leases/{id}/amendments/{amendment_id}/signature', { path: { id: 'x' } });
  // @ts-expect-error a single resource is not a list
  client.paginate('/api/owners/{id}', { path: { id: 'x' } });
  const owner = await client.get('/api/owners/{id}', { path: { id: 'x' } });
  // @ts-expect-error not a field of an owner
  void owner.rent_amount;
}
