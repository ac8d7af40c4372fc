// @ts-check
// Quickstart: create owners (once, whatever the retries), list them page by page, read a typed error.
//   npm run build --prefix client
//   FAIREPLACE_BASE_URL=http://localhost:3000 FAIREPLACE_API_KEY=fp_sandbox_… node client/examples/quickstart.mjs
// The same calls type-check in TypeScript (npm run typecheck --prefix client checks this file).
import { createClient, FairePlaceError } from '@faireplace/client';

const apiKey = process.env.FAIREPLACE_API_KEY;
if (!apiKey) {
  console.error('Set FAIREPLACE_API_KEY (a fp_sandbox_… key keeps your live data out of it) and FAIREPLACE_BASE_URL');
  process.exit(2);
}
const client = createClient({ baseUrl: process.env.FAIREPLACE_BASE_URL ?? 'http://localhost:3000', apiKey });

// 1. Create. Every POST carries an Idempotency-Key, reused if the call is retried; choosing it
//    yourself makes the step safe to run again: the API replays the first answer for 24 hours.
const idempotencyKey = `quickstart-${process.pid}-${Date.now()}`;
const created = await client.post('/api/owners', { body: { owner_category: 'sci', legal_name: 'SCI Les Tilleuls', city: 'Lyon' }, idempotencyKey });
const again = await client.post('/api/owners', { body: { owner_category: 'sci', legal_name: 'SCI Les Tilleuls', city: 'Lyon' }, idempotencyKey });
console.log(`created owner ${created.id} (${created.legal_name}); the same call again returned ${again.id === created.id ? 'the same owner' : 'ANOTHER owner'}`);
for (const last_name of ['Dubois', 'Martin']) {
  const owner = await client.post('/api/owners', { body: { owner_category: 'individual', first_name: 'Claire', last_name } });
  console.log(`created owner ${owner.id} (${owner.first_name} ${owner.last_name})`);
}

// 2. List: paginate() follows meta.pagination page after page (2 a page here, to see it turn).
let count = 0;
for await (const owner of client.paginate('/api/owners', { query: { per_page: 2, sort: 'created_at' } })) {
  count += 1;
  console.log(`owner ${count}: ${owner.owner_category} ${owner.legal_name ?? `${owner.first_name} ${owner.last_name}`}`);
}
console.log(`listed ${count} owners`);

// 3. Errors: the API's envelope as a FairePlaceError (an individual owner needs a last name).
try {
  await client.post('/api/owners', { body: { owner_category: 'individual', first_name: 'Anonyme' } });
} catch (error) {
  if (!(error instanceof FairePlaceError)) throw error;
  console.log(`error ${error.status} ${error.type}: ${error.message}`);
  for (const { field, message } of error.fields) console.log(`  ${field}: ${message}`);
  console.log(`  request id: ${error.requestId}`);
}
try {
  await client.get('/api/owners/{id}', { path: { id: '00000000-0000-7000-8000-000000000000' } });
} catch (error) {
  if (!(error instanceof FairePlaceError)) throw error;
  console.log(`error ${error.status} ${error.type}: ${error.message}`);
}
