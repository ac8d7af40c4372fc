import { contactTypeErrors } from './contact-rules.js';

describe('contactTypeErrors', () => {
  it.each([
    [{ type_contact: 'person', last_name: 'Lefèvre', legal_name: null }, []],
    [{ type_contact: 'person', last_name: null, legal_name: 'X' }, ['last_name']],
    [{ type_contact: 'company', last_name: 'Lefèvre', legal_name: null }, ['legal_name']],
    [{ type_contact: 'company', last_name: null, legal_name: 'Plomberie Lefèvre SARL' }, []],
  ] as const)('%o → %o', (contact, fields) => {
    expect(contactTypeErrors(contact).map((error) => error.field)).toEqual(fields);
  });
});
