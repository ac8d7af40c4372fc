import { Injectable } from '@nestjs/common';
import { Event } from './event.entity.js';
import type { EventType } from './event-types.js';
import { EventsRepository } from './events.repository.js';

/** Told of every event, in the transaction that records it (webhook fan-out). */
export type EventSubscriber = (event: Event) => Promise<void>;

/**
 * Records what happened, in the caller's tenant transaction: an event for every committed change,
 * none for a rolled-back one (a transactional outbox). The places that make a change call
 * `emit(type, resource)` with the resource as they answer it; subscribers (webhook deliveries)
 * add their rows and jobs in the same transaction.
 */
@Injectable()
export class Events {
  private readonly subscribers: EventSubscriber[] = [];

  constructor(private readonly events: EventsRepository) {}

  subscribe(subscriber: EventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** `resource` is serialised as the API would answer it (its toJSON: hidden fields stay hidden). */
  async emit(type: EventType, resource: object): Promise<Event> {
    const data = JSON.parse(JSON.stringify(resource)) as Record<string, unknown>;
    const event = await this.events.insert({ type, data });
    for (const subscriber of this.subscribers) await subscriber(event);
    return event;
  }
}
