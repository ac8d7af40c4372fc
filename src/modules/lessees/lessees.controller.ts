import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { BulkCreatedLesseesDto, BulkCreateLesseesDto, CreateLesseeDto, ListLesseesQueryDto, UpdateLesseeDto } from './dto/lessee.dto.js';
import { LesseeErasure } from './lessee-erasure.js';
import { Lessee } from './lessee.entity.js';
import { LesseesService } from './lessees.service.js';

@ApiTags('lessees')
@Controller('api/lessees')
export class LesseesController {
  constructor(private readonly lessees: LesseesService) {}

  @Get()
  @RequirePermissions('lessees:read')
  @ApiOperation({ summary: 'List lessees (tenants, companies, guarantors)' })
  @ApiPage(Lessee)
  @ApiErrors(400)
  list(@Query() query: ListLesseesQueryDto): Promise<Page<Lessee>> {
    return this.lessees.list(query);
  }

  @Post()
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Create a lessee' })
  @ApiCreatedResponse({ type: Lessee, description: 'Created; `Location` points at it' })
  @ApiErrors(400, 413, 415)
  create(@Body() body: CreateLesseeDto): Promise<Lessee> {
    return this.lessees.create(body);
  }

  @Post('bulk')
  @RequirePermissions('lessees:write')
  @ApiOperation({
    summary: 'Create up to 100 lessees at once',
    description:
      'All or nothing: one invalid item refuses the whole request, naming every failing field as `lessees.<index>.<field>`.',
  })
  @ApiCreatedResponse({ type: BulkCreatedLesseesDto, description: 'Created, in the order sent' })
  @ApiErrors(400, 413, 415)
  async createMany(@Body() body: BulkCreateLesseesDto): Promise<BulkCreatedLesseesDto> {
    return { data: await this.lessees.createMany(body.lessees) };
  }

  @Get(':id')
  @RequirePermissions('lessees:read')
  @ApiOperation({ summary: 'Get a lessee' })
  @ApiOkResponse({ type: Lessee })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Lessee> {
    return this.lessees.get(id);
  }

  @Put(':id')
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Update a lessee (partial; PATCH is a synonym)', description: 'Absent fields keep their value, `null` clears a nullable field.' })
  @ApiOkResponse({ type: Lessee })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: UpdateLesseeDto): Promise<Lessee> {
    return this.lessees.update(id, body);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @RequirePermissions('lessees:write')
  @ApiOperation({
    summary: "Erase a lessee's personal data (GDPR art. 17)",
    description:
      'Replaces every personal field by an anonymised value and answers which fields were erased and what was kept, with its legal basis (signed documents and proofs, receipts, accounting lines). Idempotent: a second call changes nothing and answers the same.',
  })
  @ApiOkResponse({ type: LesseeErasure })
  @ApiErrors(400, 404)
  erase(@UuidParam() id: string): Promise<LesseeErasure> {
    return this.lessees.erase(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Delete a lessee', description: '409 while on a lease that is not draft or cancelled.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.lessees.delete(id);
  }
}
