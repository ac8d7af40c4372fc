import { Module } from '@nestjs/common';
import { RequestLogController } from './request-log.controller.js';
import { RequestLogService } from './request-log.service.js';

/** GET /api/requests; the service also answers the internal API's per-tenant view. */
@Module({
  controllers: [RequestLogController],
  providers: [RequestLogService],
  exports: [RequestLogService],
})
export class RequestLogApiModule {}
