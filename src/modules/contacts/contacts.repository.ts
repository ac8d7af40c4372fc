import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { Contact } from './contact.entity.js';
import { CONTACT_SORTS, type ListContactsQueryDto } from './dto/contact.dto.js';

@Injectable()
export class ContactsRepository extends TenantRepository<Contact> {
  protected readonly entity = Contact;
  protected readonly alias = 'contact';
  protected readonly resource = 'Contact';

  list(query: ListContactsQueryDto): Promise<Page<Contact>> {
    const builder = this.whereEqual(this.scoped(), { category: query.category, type_contact: query.type_contact });
    this.whereTextMatches(builder, query.search, ['first_name', 'last_name', 'legal_name', 'email']);
    return paginate(builder, query, CONTACT_SORTS);
  }
}
