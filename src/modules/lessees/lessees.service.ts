import { Injectable } from '@nestjs/common';
import { Dependants } from '../../core/relations/dependants.js';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import type { EntityInput } from '../../core/tenancy/tenant-repository.js';
import type { CreateLesseeDto, ListLesseesQueryDto, UpdateLesseeDto } from './dto/lessee.dto.js';
import { lesseeCategoryErrors } from './lessee-rules.js';
import { anonymised, KEPT_ON_ERASURE, type LesseeErasure, PERSONAL_FIELDS } from './lessee-erasure.js';
import type { Lessee } from './lessee.entity.js';
import { LesseesRepository } from './lessees.repository.js';

/** What other modules register dependants under (lease parties' lessee_id). */
export const LESSEE_RESOURCE = 'lessee';

const EMPTY_LESSEE: EntityInput<Lessee> = {
  category: 'individual',
  title: null,
  first_name: null,
  last_name: null,
  legal_name: null,
  email: null,
  mobile_phone: null,
  birth_date: null,
  profession: null,
  monthly_income: null,
  email_receipts_consent_at: null,
  erased_at: null,
};

/** The API's consent flag as the stored time of consent (kept when consent is given again). */
function withConsent<T extends { email_receipts_consent?: boolean }>(input: T, current: Date | null = null): Omit<T, 'email_receipts_consent'> & { email_receipts_consent_at?: Date | null } {
  const { email_receipts_consent: consent, ...rest } = input;
  if (consent === undefined) return rest;
  return { ...rest, email_receipts_consent_at: consent ? (current ?? new Date()) : null };
}

@Injectable()
export class LesseesService {
  constructor(
    private readonly lessees: LesseesRepository,
    private readonly dependants: Dependants,
  ) {}

  list(query: ListLesseesQueryDto): Promise<Page<Lessee>> {
    return this.lessees.list(query);
  }

  get(id: string): Promise<Lessee> {
    return this.lessees.getById(id);
  }

  create(input: CreateLesseeDto): Promise<Lessee> {
    const lessee = { ...EMPTY_LESSEE, ...withConsent(input) };
    this.assertCategoryRules(lessee);
    return this.lessees.insert(lessee);
  }

  /**
   * All or nothing: every item is checked first and every failure reported at once, with the
   * item's index in the field path (`lessees.3.last_name`, the shape the ValidationPipe gives
   * nested DTO errors); then one INSERT on the request's transaction stores them all.
   */
  createMany(inputs: CreateLesseeDto[]): Promise<Lessee[]> {
    const lessees = inputs.map((input) => ({ ...EMPTY_LESSEE, ...withConsent(input) }));
    const errors = lessees.flatMap((lessee, index) =>
      lesseeCategoryErrors(lessee).map((error) => ({ ...error, field: `lessees.${index}.${error.field}` })),
    );
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return this.lessees.insertMany(lessees);
  }

  async update(id: string, patch: UpdateLesseeDto): Promise<Lessee> {
    const current = await this.lessees.lockById(id);
    const changes = withConsent(patch, current.email_receipts_consent_at);
    this.assertCategoryRules({ ...current, ...changes });
    return this.lessees.update(id, changes);
  }

  async delete(id: string): Promise<void> {
    await this.lessees.lockById(id);
    await this.dependants.assertNone(LESSEE_RESOURCE, id, 'The lessee is on a lease that is not draft or cancelled');
    await this.lessees.delete(id);
  }

  /**
   * Replaces the lessee's personal fields by anonymised values (idempotent: a second call finds
   * them so and changes nothing); what the law requires to keep stays where it is (KEPT_ON_ERASURE).
   */
  async erase(id: string): Promise<LesseeErasure> {
    const current = await this.lessees.lockById(id);
    const lessee = current.erased_at ? current : await this.lessees.update(id, { ...anonymised(current), erased_at: new Date() });
    return { lessee_id: lessee.id, erased_at: lessee.erased_at!, erased: [...PERSONAL_FIELDS], kept: KEPT_ON_ERASURE };
  }

  private assertCategoryRules(lessee: Parameters<typeof lesseeCategoryErrors>[0]): void {
    const errors = lesseeCategoryErrors(lessee);
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
