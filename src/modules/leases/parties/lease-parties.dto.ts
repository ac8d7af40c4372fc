import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import type { SortableFields } from '../../../core/pagination/paginate.js';
import { OptionalNotNull } from '../../../core/validation/validation.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { PARTY_ROLES, type PartyRole } from './lease-party.entity.js';

export const LEASE_PARTY_SORTS: SortableFields = { created_at: 'party.created_at', start_date: 'party.start_date', role: 'party.role' };

/** A lease's parties: a list like every list, oldest first unless sorted otherwise. */
export class ListLeasePartiesQueryDto extends ListQueryDto {
  @SortQuery(Object.keys(LEASE_PARTY_SORTS), 'created_at')
  sort?: string;
}

export class AttachLesseeDto {
  @ApiProperty({ format: 'uuid', description: 'A lessee of the same tenant' }) @IsUUID() lessee_id: string;
  @ApiProperty({ enum: PARTY_ROLES }) @IsIn(PARTY_ROLES) role: PartyRole;
  @ApiPropertyOptional({ format: 'date', description: 'Default: the lease\'s start_date (DRAFT) or today' })
  @OptionalNotNull() @IsCalendarDate()
  start_date?: string;
}

export class EndPartyDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default: today' }) @OptionalNotNull() @IsCalendarDate() end_date?: string;
}
