import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller.js';
import { AuditEventsRepository } from './audit-events.repository.js';
import { AuditTrail } from './audit-trail.js';

/** The audit trail every repository writes through (AuditTrail) and GET /api/audit-events reads. */
@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditTrail, AuditEventsRepository],
  exports: [AuditTrail, AuditEventsRepository],
})
export class AuditModule {}
