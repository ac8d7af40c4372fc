import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { OptionalNotNull } from '../../../core/validation/validation.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { PARTY_ROLES, type PartyRole } from './lease-party.entity.js';

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
