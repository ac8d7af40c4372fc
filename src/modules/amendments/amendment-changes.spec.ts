import { parseChanges } from './amendment-changes.js';

const LESSEE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    return (error as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);
  }
  return [];
};

describe('parseChanges', () => {
  it.each([
    ['duration_change', { end_date: '2030-12-31' }],
    ['renewal', { end_date: '2030-12-31' }],
    ['rent_change', { rent_amount: 820 }],
    ['rent_change', { rent_amount: 820.5, charges_amount: 60 }],
    ['co_tenant_added', { lessee_id: LESSEE, role: 'tenant' }],
    ['co_tenant_added', { lessee_id: LESSEE, role: 'guarantor' }],
    ['co_tenant_removed', { lessee_id: LESSEE, notice_date: '2027-03-10' }],
  ] as const)('accepts %s %o', (type, changes) => {
    expect(parseChanges(type, changes, null)).toEqual(changes);
  });

  it.each([
    ['duration_change', {}, ['changes.end_date']],
    ['renewal', { end_date: '2030-02-30' }, ['changes.end_date']],
    ['rent_change', { rent_amount: -1 }, ['changes.rent_amount']],
    ['rent_change', { rent_amount: 10.005, charges_amount: null }, ['changes.rent_amount', 'changes.charges_amount']],
    ['rent_change', { rent_amount: '820' }, ['changes.rent_amount']],
    ['rent_change', { end_date: '2030-12-31' }, ['changes.rent_amount', 'changes.end_date']],
    ['co_tenant_added', { lessee_id: 'x', role: 'owner' }, ['changes.lessee_id', 'changes.role']],
    ['co_tenant_removed', { lessee_id: LESSEE }, ['changes.notice_date']],
    ['other', { anything: 1 }, ['changes.anything', 'description']],
  ] as const)('refuses %s %o, naming %o', (type, changes, fields) => {
    const run = () => parseChanges(type, changes, null);
    expect(run).toThrow(expect.objectContaining({ status: 400, type: 'VALIDATION_ERROR' }));
    expect([...new Set(fieldsOf(run))].sort()).toEqual([...fields].sort());
  });

  it.each([null, [], 'x', 12, [{ end_date: '2030-12-31' }]])('refuses changes that are not an object: %o', (changes) => {
    expect(fieldsOf(() => parseChanges('duration_change', changes, null))).toEqual(['changes']);
  });

  it('needs a description for other, and takes no changes then', () => {
    expect(parseChanges('other', {}, 'La clause de jardin est supprimée.')).toEqual({});
    expect(fieldsOf(() => parseChanges('other', {}, null))).toEqual(['description']);
  });
});

describe('parseChanges with hostile keys', () => {
  it('refuses __proto__ and constructor as unknown fields, and keeps no prototype change', () => {
    const hostile = JSON.parse('{"__proto__": {"admin": true}, "constructor": {"x": 1}, "end_date": "2030-12-31"}') as unknown;
    expect(fieldsOf(() => parseChanges('duration_change', hostile, null)).sort()).toEqual(['changes.__proto__', 'changes.constructor']);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });
});
