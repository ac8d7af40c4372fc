import { Injectable } from '@nestjs/common';
import { Dependants } from '../../core/relations/dependants.js';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import type { EntityInput } from '../../core/tenancy/tenant-repository.js';
import type { CreateOwnerDto, ListOwnersQueryDto, UpdateOwnerDto } from './dto/owner.dto.js';
import { ownerCategoryErrors } from './owner-rules.js';
import type { Owner } from './owner.entity.js';
import { OwnersRepository } from './owners.repository.js';

/** What other modules register dependants under (e.g. places.owner_id). */
export const OWNER_RESOURCE = 'owner';

const EMPTY_OWNER: EntityInput<Owner> = {
  owner_category: 'individual',
  title: null,
  first_name: null,
  last_name: null,
  legal_name: null,
  registration_number: null,
  email: null,
  mobile_phone: null,
  street_name: null,
  postal_code: null,
  city: null,
  country: null,
  iban: null,
  bic: null,
};

@Injectable()
export class OwnersService {
  constructor(
    private readonly owners: OwnersRepository,
    private readonly dependants: Dependants,
  ) {}

  list(query: ListOwnersQueryDto): Promise<Page<Owner>> {
    return this.owners.list(query);
  }

  get(id: string): Promise<Owner> {
    return this.owners.getById(id);
  }

  create(input: CreateOwnerDto): Promise<Owner> {
    const owner = { ...EMPTY_OWNER, ...input };
    this.assertCategoryRules(owner);
    return this.owners.insert(owner);
  }

  async update(id: string, patch: UpdateOwnerDto): Promise<Owner> {
    const current = await this.owners.lockById(id);
    this.assertCategoryRules({ ...current, ...patch });
    return this.owners.update(id, patch);
  }

  async delete(id: string): Promise<void> {
    await this.owners.lockById(id);
    await this.dependants.assertNone(OWNER_RESOURCE, id, 'The owner is still referenced');
    await this.owners.delete(id);
  }

  private assertCategoryRules(owner: Parameters<typeof ownerCategoryErrors>[0]): void {
    const errors = ownerCategoryErrors(owner);
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
