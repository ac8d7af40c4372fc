import { ownerCategoryErrors } from './owner-rules.js';

describe('ownerCategoryErrors', () => {
  it.each([
    [{ owner_category: 'individual', last_name: 'Dubois', legal_name: null }, []],
    [{ owner_category: 'individual', last_name: null, legal_name: 'X' }, ['last_name']],
    [{ owner_category: 'company', last_name: 'Dubois', legal_name: null }, ['legal_name']],
    [{ owner_category: 'sci', last_name: null, legal_name: 'SCI Les Tilleuls' }, []],
  ] as const)('%o → %o', (owner, fields) => {
    expect(ownerCategoryErrors(owner).map((error) => error.field)).toEqual(fields);
  });
});
