import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { Contact } from './contact.entity.js';
import { ContactsService } from './contacts.service.js';
import { CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto.js';

@ApiTags('contacts')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RequirePermissions('lessees:read')
  @ApiOperation({ summary: 'List contacts (professionals)' })
  @ApiPage(Contact)
  @ApiErrors(400)
  list(@Query() query: ListContactsQueryDto): Promise<Page<Contact>> {
    return this.contacts.list(query);
  }

  @Post()
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Create a contact' })
  @ApiCreatedResponse({ type: Contact, description: 'Created; `Location` points at it' })
  @ApiErrors(400, 413, 415)
  create(@Body() body: CreateContactDto): Promise<Contact> {
    return this.contacts.create(body);
  }

  @Get(':id')
  @RequirePermissions('lessees:read')
  @ApiOperation({ summary: 'Get a contact' })
  @ApiOkResponse({ type: Contact })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Contact> {
    return this.contacts.get(id);
  }

  @Put(':id')
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Update a contact (partial; PATCH is a synonym)', description: 'Absent fields keep their value, `null` clears a nullable field.' })
  @ApiOkResponse({ type: Contact })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: UpdateContactDto): Promise<Contact> {
    return this.contacts.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('lessees:write')
  @ApiOperation({ summary: 'Delete a contact' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.contacts.delete(id);
  }
}
