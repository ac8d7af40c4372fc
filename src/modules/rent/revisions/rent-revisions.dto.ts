import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ListQueryDto, SortQuery } from '../../../core/pagination/list-query.dto.js';
import { IsCalendarDate } from '../../../core/validation/validators.js';
import { IRL_QUARTER } from '../../leases/dto/lease.dto.js';

export class RevisionDto {
  @ApiProperty({ example: 'T2-2027', description: 'The IRL of the lease\'s reference quarter in the revision year' })
  @Matches(IRL_QUARTER, { message: 'new_irl_quarter must look like T2-2027' })
  new_irl_quarter: string;

  @ApiProperty({ format: 'date', example: '2028-01-01', description: 'The revision date it is for (an anniversary of the lease, or of its revision date); a late claim applies from the day it is made' })
  @IsCalendarDate()
  effective_date: string;
}

export class RevisionSimulation {
  @ApiProperty({ format: 'date' }) revision_date: string;
  @ApiProperty({ format: 'date' }) claimed_on: string;
  @ApiProperty({ format: 'date', description: 'From when the new rent applies' }) effective_date: string;
  @ApiProperty({ example: 'T2-2027' }) index_quarter: string;
  @ApiProperty({ example: 146.68 }) index_value: number;
  @ApiProperty({ example: 'T2-2026' }) previous_quarter: string;
  @ApiProperty({ example: 145.17 }) previous_value: number;
  @ApiProperty({ example: 850 }) previous_rent: number;
  @ApiProperty({ example: 858.84, description: 'previous_rent × index_value ÷ previous_value, to the cent' }) new_rent: number;
}

export class ListRevisionsQueryDto extends ListQueryDto {
  @SortQuery(['revision_date', 'created_at']) sort?: string;
}
