import { Global, Module } from '@nestjs/common';
import { EventRetention } from './event-retention.js';
import { Events } from './events.js';
import { EventsRepository } from './events.repository.js';

/** The event log every module writes to (Events.emit) and webhooks read from. */
@Global()
@Module({
  providers: [EventsRepository, Events, EventRetention],
  exports: [Events, EventsRepository],
})
export class EventsModule {}
