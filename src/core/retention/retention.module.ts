import { Global, Module } from '@nestjs/common';
import { Retention } from './retention.js';

/** The retention purge (idempotency records, delivered outbox messages, finished webhook deliveries, expired export archives). */
@Global()
@Module({ providers: [Retention], exports: [Retention] })
export class RetentionModule {}
