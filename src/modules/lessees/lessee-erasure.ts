import { ApiProperty } from '@nestjs/swagger';
import type { EntityInput } from '../../core/tenancy/tenant-repository.js';
import type { Lessee } from './lessee.entity.js';

/** The name an erased lessee keeps (its category requires one: lessees_name_by_category). */
export const ANONYMISED_NAME = 'Anonymised';

/** Every field of a lessee that is personal data (the API's field names). */
export const PERSONAL_FIELDS = [
  'title', 'first_name', 'last_name', 'legal_name', 'email', 'mobile_phone', 'birth_date', 'profession', 'monthly_income', 'email_receipts_consent',
] as const;

type PersonalColumns = Pick<EntityInput<Lessee>, 'title' | 'first_name' | 'last_name' | 'legal_name' | 'email' | 'mobile_phone' | 'birth_date' | 'profession' | 'monthly_income' | 'email_receipts_consent_at'>;

/** The personal columns once erased: cleared, except the one name the category requires. */
export function anonymised(lessee: Pick<Lessee, 'category'>): PersonalColumns {
  const company = lessee.category === 'company';
  return {
    title: null,
    first_name: null,
    last_name: company ? null : ANONYMISED_NAME,
    legal_name: company ? ANONYMISED_NAME : null,
    email: null,
    mobile_phone: null,
    birth_date: null,
    profession: null,
    monthly_income: null,
    email_receipts_consent_at: null,
  };
}

export class KeptCategoryDto {
  @ApiProperty({ example: 'accounting' }) category: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'The legal basis for keeping it' }) reason: string;
}

/**
 * What an erasure leaves untouched, and why. These records are not copied from the lessee row:
 * they hold what was true when they were made (the name on a signed contract, on a receipt).
 */
export const KEPT_ON_ERASURE: KeptCategoryDto[] = [
  {
    category: 'signed_documents',
    description: 'Signed documents (lease contracts, amendments, condition reports), their signature workflows, signers and proofs',
    reason:
      'Evidence of an electronic signature (art. 1366 and 1367 Code civil; eIDAS regulation art. 25): changing a signed document or its proof chain would destroy the evidence; kept for the limitation period of the contract (art. 2224 Code civil)',
  },
  {
    category: 'receipts',
    description: 'Rent calls and receipts (quittances) issued to the lessee',
    reason: 'Accounting supporting documents, kept 10 years (art. L123-22 Code de commerce); receipts are owed to the lessee (art. 21, loi n° 89-462)',
  },
  {
    category: 'accounting',
    description: 'Rent payments received, their reversals and deposit settlements (accounting lines)',
    reason: 'Accounting records and their supporting documents are kept 10 years (art. L123-22 Code de commerce)',
  },
  {
    category: 'leases',
    description: 'The leases the lessee is party to, now under the anonymised name',
    reason: 'The contract and its history stay with the landlord for the same periods; they name the lessee only through the records above',
  },
];

export class LesseeErasure {
  @ApiProperty({ format: 'uuid' }) lessee_id: string;
  @ApiProperty({ description: 'When the personal data was erased (the first call; later calls change nothing)' }) erased_at: Date;
  @ApiProperty({ enum: PERSONAL_FIELDS, isArray: true, description: 'Personal fields replaced by anonymised values' })
  erased: string[];
  @ApiProperty({ type: [KeptCategoryDto], description: 'What was kept, and the legal reason' })
  kept: KeptCategoryDto[];
}
