import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { Clock } from '../../core/time/clock.js';
import { AMENDMENT_ACTIONS, type AmendmentAction, type AmendmentActor } from './amendment.entity.js';
import { AmendmentEventsRepository } from './amendments.repository.js';

class AmendmentActorView implements AmendmentActor {
  @ApiProperty({ enum: ['api-key', 'internal', 'signing-link'], description: 'internal: the dashboard backend, or the platform itself (an expired signature); signing-link: the last signer, on a hosted signing page' }) kind: AmendmentActor['kind'];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) user_id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'fp_live_3kQ', description: 'The API key\'s display prefix' }) key_prefix: string | null;
}

export class AmendmentHistoryEntry {
  @ApiProperty({ enum: AMENDMENT_ACTIONS }) action: AmendmentAction;
  @ApiProperty({ type: AmendmentActorView }) actor: AmendmentActor;
  @ApiProperty({ example: '2027-08-20T10:00:00.000Z' }) at: Date;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'The fields the action changed, before' }) previous: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'The same fields, after' }) next: Record<string, unknown> | null;
}

/**
 * Every change of an amendment, written by the code that makes it, in its transaction: the
 * change and its record commit or roll back together. The actor is the request's principal.
 */
@Injectable()
export class AmendmentHistory {
  constructor(
    private readonly events: AmendmentEventsRepository,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async record(amendmentId: string, action: AmendmentAction, previous: object | null, next: object | null): Promise<void> {
    await this.events.append(amendmentId, action, this.actor(), { previous, next }, this.clock.now());
  }

  async list(amendmentId: string): Promise<AmendmentHistoryEntry[]> {
    return (await this.events.listOfAmendment(amendmentId)).map(({ action, actor, created_at: at, previous, next }) => ({ action, actor, at, previous, next }));
  }

  /** Which of `actions` happened last, if any did. */
  async lastOf(amendmentId: string, actions: AmendmentAction[]): Promise<AmendmentAction | undefined> {
    return (await this.events.listOfAmendment(amendmentId)).filter((event) => actions.includes(event.action)).at(-1)?.action;
  }

  private actor(): AmendmentActor {
    const principal = this.context.principal;
    // No caller: the platform's own job (the sweep that expires a signature).
    if (!principal) return { kind: 'internal', user_id: null, key_prefix: null };
    return { kind: principal.kind, user_id: principal.userId ?? null, key_prefix: principal.keyPrefix ?? null };
  }
}
