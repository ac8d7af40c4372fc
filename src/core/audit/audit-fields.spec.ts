import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../../database/entities.js';
import { AUDITED_TABLES, describeChanges, NOT_AUDITED, REDACTED } from './audit-fields.js';

describe('audit field classification', () => {
  it('classifies every mapped table as audited or not (with a reason)', () => {
    const tables = getMetadataArgsStorage().tables.filter((table) => ENTITIES.includes(table.target as never)).map((table) => table.name as string);
    expect(tables.length).toBe(ENTITIES.length);
    const unclassified = tables.filter((name) => name !== 'credit_packages' && name !== 'rent_indices' && !(name in AUDITED_TABLES) && !(name in NOT_AUDITED));
    expect(unclassified).toEqual([]);
    expect(Object.keys(AUDITED_TABLES).filter((name) => name in NOT_AUDITED)).toEqual([]);
  });

  it('records a create as the fields it set, without identity, timestamps or empty fields', () => {
    const changes = describeChanges(AUDITED_TABLES.leases, undefined, { tenant_id: 't', id: 'i', created_at: new Date(0), updated_at: new Date(0), rent_amount: '850.00', end_date: null, status: 'DRAFT' });
    expect(changes).toEqual([{ field: 'rent_amount', after: '850.00' }, { field: 'status', after: 'DRAFT' }]);
  });

  it('records an update as the fields that changed, before and after', () => {
    const before = { id: 'i', rent_amount: '850.00', notes: null, tags: ['a'], updated_at: new Date(0), start_date: new Date('2026-01-01T00:00:00Z') };
    const after = { id: 'i', rent_amount: '900.00', notes: 'n', tags: ['a'], updated_at: new Date(1), start_date: new Date('2026-01-01T00:00:00Z') };
    expect(describeChanges(AUDITED_TABLES.leases, before, after)).toEqual([
      { field: 'notes', before: null, after: 'n' },
      { field: 'rent_amount', before: '850.00', after: '900.00' },
    ]);
  });

  it('redacts secrets and names personal fields without their values', () => {
    const key = describeChanges(AUDITED_TABLES.api_keys, undefined, { key_hash: Buffer.alloc(32, 1), name: 'CI', revoked_at: null });
    expect(key).toEqual([{ field: 'key_hash', after: REDACTED }, { field: 'name', after: 'CI' }]);
    const person = describeChanges(AUDITED_TABLES.lessees, { email: 'a@example.fr', monthly_income: '2000.00', category: 'individual' }, { email: 'b@example.fr', monthly_income: '2500.00', category: 'individual' });
    expect(person).toEqual([{ field: 'email', personal: true }, { field: 'monthly_income', personal: true }]);
    expect(JSON.stringify(person)).not.toMatch(/example|2500|2000/);
    const otp = describeChanges(AUDITED_TABLES.signature_signers, { otp_hash: null, name: 'Ann' }, { otp_hash: Buffer.alloc(32), name: 'Bob' });
    expect(otp).toEqual([{ field: 'name', personal: true }, { field: 'otp_hash', before: null, after: REDACTED }]);
  });

  it('keeps a building address but not an owner\'s', () => {
    expect(describeChanges(AUDITED_TABLES.places, undefined, { city: 'Lyon' })).toEqual([{ field: 'city', after: 'Lyon' }]);
    expect(describeChanges(AUDITED_TABLES.owners, undefined, { city: 'Lyon' })).toEqual([{ field: 'city', personal: true }]);
  });
});
