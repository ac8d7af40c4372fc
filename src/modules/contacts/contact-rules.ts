import type { FieldError } from '../../core/errors/domain-errors.js';
import type { Contact } from './contact.entity.js';

type ContactNames = Pick<Contact, 'type_contact' | 'last_name' | 'legal_name'>;

/** The name a contact must have for its type (mirrored by the contacts_name_by_type CHECK). */
export function contactTypeErrors(contact: ContactNames): FieldError[] {
  if (contact.type_contact === 'person' && !contact.last_name) {
    return [{ field: 'last_name', message: 'last_name is required for a person contact' }];
  }
  if (contact.type_contact === 'company' && !contact.legal_name) {
    return [{ field: 'legal_name', message: 'legal_name is required for a company contact' }];
  }
  return [];
}
