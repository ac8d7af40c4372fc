import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import type { EntityInput } from '../../core/tenancy/tenant-repository.js';
import { contactTypeErrors } from './contact-rules.js';
import type { Contact } from './contact.entity.js';
import { ContactsRepository } from './contacts.repository.js';
import type { CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto.js';

const EMPTY_CONTACT: EntityInput<Contact> = {
  type_contact: 'person',
  category: 'other',
  first_name: null,
  last_name: null,
  legal_name: null,
  email: null,
  phone: null,
  address_line1: null,
  postal_code: null,
  city: null,
  country: null,
  notes: null,
};

@Injectable()
export class ContactsService {
  constructor(private readonly contacts: ContactsRepository) {}

  list(query: ListContactsQueryDto): Promise<Page<Contact>> {
    return this.contacts.list(query);
  }

  get(id: string): Promise<Contact> {
    return this.contacts.getById(id);
  }

  create(input: CreateContactDto): Promise<Contact> {
    const contact = { ...EMPTY_CONTACT, ...input };
    this.assertTypeRules(contact);
    return this.contacts.insert(contact);
  }

  async update(id: string, patch: UpdateContactDto): Promise<Contact> {
    const current = await this.contacts.lockById(id);
    this.assertTypeRules({ ...current, ...patch });
    return this.contacts.update(id, patch);
  }

  /** Nothing references a contact yet: it goes at once. */
  async delete(id: string): Promise<void> {
    await this.contacts.delete(id);
  }

  private assertTypeRules(contact: Parameters<typeof contactTypeErrors>[0]): void {
    const errors = contactTypeErrors(contact);
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
