import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import { ListQueryDto } from '../../core/pagination/list-query.dto.js';
import { type Page, pageOf } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { IsCalendarDate } from '../../core/validation/validators.js';
import { IRL_QUARTER } from '../../modules/leases/dto/lease.dto.js';
import { RentIndex } from '../../modules/rent/revisions/rent-revision.entity.js';
import { InternalApi } from '../internal-token.guard.js';

export class PutRentIndexDto {
  @ApiProperty({ example: 146.68, description: 'The IRL value, 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0.01) @Max(99999.99)
  value: number;

  @ApiPropertyOptional({ format: 'date', example: '2027-07-15' }) @IsOptional() @IsCalendarDate() published_on?: string;

  @ApiProperty({ example: 'INSEE, Informations rapides n° 2027-180, série 001515333', description: 'Where the value was published' })
  @IsString() @Length(1, 500)
  source: string;
}

/**
 * The IRL catalogue, shared by every tenant: read-only to the app role, written through the one
 * SECURITY DEFINER function `app.put_rent_index` (SPEC section 7). Shipped empty: FairePlace
 * enters each quarter's value as INSEE publishes it, with its source.
 */
@ApiTags('internal: rent indices')
@InternalApi()
@Controller('internal/rent-indices')
export class RentIndicesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'The IRL catalogue' })
  @ApiPage(RentIndex)
  @ApiErrors(401)
  async list(@Query() query: ListQueryDto): Promise<Page<RentIndex>> {
    return pageOf(await this.dataSource.getRepository(RentIndex).find({ order: { quarter: 'DESC' } }), query);
  }

  @Put(':quarter')
  @ApiOperation({ summary: 'Enter or correct the IRL of a quarter' })
  @ApiParam({ name: 'quarter', example: 'T2-2027' })
  @ApiOkResponse({ type: RentIndex })
  @ApiErrors(400, 401)
  async put(@Param('quarter') quarter: string, @Body() body: PutRentIndexDto): Promise<RentIndex> {
    if (!IRL_QUARTER.test(quarter)) throw ValidationFailedError.field('quarter', 'quarter must look like T2-2027');
    await this.dataSource.query('SELECT app.put_rent_index($1, $2, $3, $4)', [quarter, body.value, body.published_on ?? null, body.source]);
    return this.dataSource.getRepository(RentIndex).findOneByOrFail({ quarter });
  }
}
