import { FOREIGN_ID_CASES, type ForeignIdCase, LIST_CASES, OWN_LISTS, RESOURCE_KINDS, randomIds, type ResourceIds, type TenantFixture } from './isolation-cases.js';
import { SAMPLE_FILES } from './files.js';
import { INTERNAL_TOKEN, internalPath, type TestApp, withoutMeta } from './test-app.js';

export interface IsolationPair {
  t: TestApp;
  /** Makes every request. */
  caller: TenantFixture;
  /** Whose ids the caller names, and whose data must not move. */
  victim: TenantFixture;
}

/**
 * The data-driven isolation checks, between any two data spaces: two tenants, or one tenant's
 * live and sandbox spaces. `pair()` is read when the tests run (after beforeAll).
 */
export function isolationChecks(pair: () => IsolationPair, { betweenSpacesOfOneTenant = false } = {}): void {
  const applies = (c: { liveOnly?: boolean }) => !(betweenSpacesOfOneTenant && c.liveOnly);

  const send = (c: ForeignIdCase, target: ResourceIds) => {
    const { t, caller } = pair();
    const req = t.http[c.method](c.path(caller, target));
    if (c.internal) req.set('X-Internal-Token', INTERNAL_TOKEN);
    else req.set(caller.tenant.auth);
    if (c.upload) {
      for (const [name, value] of Object.entries(c.upload(caller, target))) req.field(name, value);
      return req.attach('file', SAMPLE_FILES.png, 'x.png');
    }
    return c.body ? req.send(c.body(caller, target)) : req;
  };

  it.each(FOREIGN_ID_CASES.filter(applies).map((c) => [c.name, c] as const))('%s: a foreign id answers exactly like a missing one', async (_name, c) => {
    const { victim } = pair();
    const snapshotBefore = await snapshotOf(pair().t, victim);
    const foreign = await send(c, victim);
    const missing = await send(c, randomIds());
    const status = c.status ?? 404;
    expect({ foreign: foreign.status, missing: missing.status }).toEqual({ foreign: status, missing: status });
    expect(withoutMeta(foreign.body)).toEqual(withoutMeta(missing.body));
    if (status === 404) expect(foreign.body.error.type).toBe('NOT_FOUND');
    if (!betweenSpacesOfOneTenant) expect(JSON.stringify(foreign.body)).not.toContain(victim.tenant.id);
    expect(await snapshotOf(pair().t, victim)).toEqual(snapshotBefore);
  });

  it.each(LIST_CASES.filter(applies).map((c) => [c.name, c] as const))('%s never lists or counts the other space\'s rows', async (_name, c) => {
    const { t, caller, victim } = pair();
    const req = t.http.get(c.path(caller, victim));
    const response = await (c.internal ? req.set('X-Internal-Token', INTERNAL_TOKEN) : req.set(caller.tenant.auth)).expect(200);
    const ids = response.body.data.map((row: { id: string }) => row.id);
    for (const kind of RESOURCE_KINDS) {
      if (betweenSpacesOfOneTenant && (kind === 'user' || kind === 'apiKey')) continue; // shared by both spaces
      expect(ids).not.toContain(victim[kind]);
    }
    expect(JSON.stringify(response.body)).not.toContain(victim.marker);
    expect(response.body.meta.pagination.total).toBe(ids.length);
  });

  it.each(OWN_LISTS.map((list) => [list.kind, list] as const))('shows each space its own %s and nothing else', async (_kind, list) => {
    const { t, caller, victim } = pair();
    for (const own of [caller, victim]) {
      const response = await t.http.get(list.path(own)).set(own.tenant.auth).expect(200);
      expect(response.body.data.map((row: { id: string }) => row.id)).toEqual([own[list.kind]]);
    }
  });
}

/** Everything of the victim the routes above could touch, read with its own credentials. */
async function snapshotOf(t: TestApp, victim: TenantFixture) {
  const read = async (path: string) => (await t.http.get(path).set(victim.tenant.auth).expect(200)).body;
  const internal = async (path: string) => (await t.http.get(path).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body;
  const lists = await Promise.all(OWN_LISTS.map((list) => read(list.path(victim))));
  return {
    lists,
    parties: await read(`/api/leases/${victim.lease}/lessees`),
    balance: await read('/api/credits/balance'),
    ledger: await read('/api/credits/transactions'),
    signature: await read(`/api/leases/${victim.signLease}/signature`),
    account: await read(`/api/leases/${victim.activeLease}/account`),
    rent: await read(`/api/leases/${victim.activeLease}/rent`),
    runs: await read('/api/rent-calls/runs'),
    outbox: await internal(internalPath(victim.tenant, `/internal/tenants/${victim.tenant.id}/outbox`)),
    users: await internal(`/internal/tenants/${victim.tenant.id}/users`),
    // last_used_at (and so updated_at) move in the background on use: compare what access depends on.
    keys: (await internal(`/internal/tenants/${victim.tenant.id}/api-keys`)).data.map(({ last_used_at: _used, updated_at: _updated, ...key }: Record<string, unknown>) => key),
  };
}
