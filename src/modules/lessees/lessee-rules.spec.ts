import { lesseeCategoryErrors } from './lessee-rules.js';

describe('lesseeCategoryErrors', () => {
  it.each([
    [{ category: 'individual', last_name: 'Moreau', legal_name: null }, []],
    [{ category: 'individual', last_name: null, legal_name: 'X' }, ['last_name']],
    [{ category: 'guarantor', last_name: 'Moreau', legal_name: null }, []],
    [{ category: 'guarantor', last_name: null, legal_name: 'Garantie SA' }, ['last_name']],
    [{ category: 'company', last_name: 'Moreau', legal_name: null }, ['legal_name']],
    [{ category: 'company', last_name: null, legal_name: 'Moreau Conseil SAS' }, []],
  ] as const)('%o → %o', (lessee, fields) => {
    expect(lesseeCategoryErrors(lessee).map((error) => error.field)).toEqual(fields);
  });

  it('names the category in its message', () => {
    const message = (category: 'individual' | 'company' | 'guarantor') => lesseeCategoryErrors({ category, last_name: null, legal_name: null })[0].message;
    expect(message('individual')).toBe('last_name is required for an individual lessee');
    expect(message('guarantor')).toBe('last_name is required for a guarantor');
    expect(message('company')).toBe('legal_name is required for a company lessee');
  });
});
