import { Injectable } from '@nestjs/common';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { OutboxMessage } from './outbox-message.entity.js';

@Injectable()
export class OutboxRepository extends TenantRepository<OutboxMessage> {
  protected readonly entity = OutboxMessage;
  protected readonly alias = 'message';
  protected readonly resource = 'Message';
}
