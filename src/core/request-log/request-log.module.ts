import { Global, Module } from '@nestjs/common';
import { RequestLogCapture } from './request-log-capture.js';
import { RequestLogPartitions } from './request-log-partitions.js';
import { RequestLogWriter } from './request-log-writer.js';

/** The API request log: capture (after the response), batched writer, partition upkeep. */
@Global()
@Module({
  providers: [RequestLogCapture, RequestLogWriter, RequestLogPartitions],
  exports: [RequestLogCapture, RequestLogWriter, RequestLogPartitions],
})
export class RequestLogModule {}
