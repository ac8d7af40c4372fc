import { FOREIGN_ID_CASES, type ForeignIdCase, LIST_CASES, OWN_LISTS, RESOURCE_KINDS, randomIds, type ResourceIds, type TenantFixture } from './isolation-cases.js';
import { SAMPLE_FILES } from './files.js';
import type pg from 'pg';
import { INTERNAL_TOKEN, ownerRoleClient, type TestApp, withoutMeta } from './test-app.js';

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
  let owner: pg.Client;
  beforeAll(async () => {
    owner = await ownerRoleClient();
  });
  afterAll(() => owner.end());

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
    const snapshotBefore = await snapshotOf(owner, victim);
    const foreign = await send(c, victim);
    const missing = await send(c, randomIds());
    const status = c.status ?? 404;
    expect({ foreign: foreign.status, missing: missing.status }).toEqual({ foreign: status, missing: status });
    expect(withoutMeta(foreign.body)).toEqual(withoutMeta(missing.body));
    if (status === 404) expect(foreign.body.error.type).toBe('NOT_FOUND');
    if (!betweenSpacesOfOneTenant) expect(JSON.stringify(foreign.body)).not.toContain(victim.tenant.id);
    expect(await snapshotOf(owner, victim)).toEqual(snapshotBefore);
  });

  it('has a referee that sees any change to the victim\'s data (so the checks below can fail)', async () => {
    const { victim } = pair();
    const before = await snapshotOf(owner, victim);
    await owner.query(`UPDATE contacts SET notes = coalesce(notes, '') || 'x' WHERE tenant_id = $1 AND id = $2`, [victim.spaceId, victim.contact]);
    const changed = await snapshotOf(owner, victim);
    await owner.query(`UPDATE contacts SET notes = nullif(left(notes, length(notes) - 1), '') WHERE tenant_id = $1 AND id = $2`, [victim.spaceId, victim.contact]);
    expect(changed.contacts).not.toBe(before.contacts);
    expect({ ...changed, contacts: before.contacts }).toEqual(before);
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

/**
 * Everything the victim's data space holds, read as the owner role (RLS bypassed on purpose: the
 * referee, not a party): one digest per tenant table, so any row written, changed or deleted by
 * the caller shows. A key's last use is recorded in the background: left out; so is the request
 * log, written in batches after the requests (the victim's own seeding lands in it meanwhile).
 */
async function snapshotOf(owner: pg.Client, victim: TenantFixture): Promise<Record<string, string>> {
  const { rows: tables } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT LIKE 'request\\_log%' ORDER BY 1`,
  );
  const digests = tables.map(({ table_name: table }) =>
    `SELECT '${table}' AS name, md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at' - CASE WHEN '${table}' = 'api_keys' THEN 'updated_at' ELSE '' END)::text, ',' ORDER BY (to_jsonb(t))::text), '')) AS digest
       FROM ${table} t WHERE tenant_id = ANY($1)`,
  );
  const { rows } = await owner.query<{ name: string; digest: string }>(digests.join(' UNION ALL '), [[victim.spaceId]]);
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
