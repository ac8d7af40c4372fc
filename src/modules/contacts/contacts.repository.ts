import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { containsPattern } from '../../core/pagination/search.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { Contact } from './contact.entity.js';
import { CONTACT_SORTS, type ListContactsQueryDto } from './dto/contact.dto.js';

@Injectable()
export class ContactsRepository extends TenantRepository<Contact> {
  protected readonly entity = Contact;
  protected readonly alias = 'contact';
  protected readonly resource = 'Contact';

  constructor(context: TenantContext) {
    super(context);
  }

  list(query: ListContactsQueryDto): Promise<Page<Contact>> {
    const builder = this.scoped();
    if (query.category) builder.andWhere('contact.category = :category', { category: query.category });
    if (query.type_contact) builder.andWhere('contact.type_contact = :type', { type: query.type_contact });
    if (query.search) {
      builder.andWhere(
        `(contact.first_name ILIKE :pattern OR contact.last_name ILIKE :pattern
          OR contact.legal_name ILIKE :pattern OR contact.email ILIKE :pattern)`,
        { pattern: containsPattern(query.search) },
      );
    }
    return paginate(builder, query, CONTACT_SORTS);
  }
}
