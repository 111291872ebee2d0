import { randomUUID } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import { can } from '../../auth/room-grants.js';
import type { ActivitySink, RoomService, ServiceCaller, ServiceContext } from '../service.js';

/** Event types are dotted names: `build.progress`, `deployment.finished`, `cursor.moved`. */
const EVENT_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;
export const MAX_EVENT_BYTES = 16 * 1024;
export const KEEP_RECENT = 100;

const publishParams = z.object({
  type: z.string().max(128).regex(EVENT_TYPE, 'must be a dotted lower-case name like build.progress'),
  data: z.unknown().optional(),
});
const recentParams = z.object({
  types: z.array(z.string()).optional(),
  limit: z.number().int().min(1).max(KEEP_RECENT).default(KEEP_RECENT),
});

export interface RoomEvent {
  id: string;
  type: string;
  data: unknown;
  from: { userId: string; name: string };
  at: string;
}

function matches(type: string, filters: string[] | undefined): boolean {
  if (!filters || filters.length === 0) return true;
  return filters.some((f) => (f.endsWith('.*') ? type.startsWith(f.slice(0, -1)) : type === f));
}

/**
 * Typed event channels on a room (issue 4 §5): published by clients or by REST (a CI job streaming
 * build progress), delivered live to every Ensemble client, the last 100 kept for late joiners.
 */
export class EventService implements RoomService {
  readonly name = 'events';
  private readonly recent: RoomEvent[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  handle(method: string, params: unknown, caller: ServiceCaller): unknown {
    switch (method) {
      case 'publish':
        return this.publish(params, caller);
      case 'recent': {
        const p = recentParams.safeParse(params ?? {});
        if (!p.success)
          throw new EnsembleError(ErrorCode.BadRequest, `invalid params: ${p.error.issues[0]?.message}`);
        return { events: this.recent.filter((e) => matches(e.type, p.data.types)).slice(-p.data.limit) };
      }
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `events has no method ${method}`);
    }
  }

  publish(params: unknown, caller: ServiceCaller): RoomEvent {
    if (!can(caller.role, 'chat'))
      throw new EnsembleError(ErrorCode.Forbidden, 'viewers cannot publish events');
    const p = publishParams.safeParse(params ?? {});
    if (!p.success) {
      const issue = p.error.issues[0];
      throw new EnsembleError(
        ErrorCode.BadRequest,
        `invalid event: ${issue?.path.join('.') || 'params'}: ${issue?.message}`,
      );
    }
    const size = Buffer.byteLength(JSON.stringify(p.data.data ?? null));
    if (size > MAX_EVENT_BYTES) {
      throw new EnsembleError(
        ErrorCode.PayloadTooLarge,
        `event data is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`,
      );
    }
    const event: RoomEvent = {
      id: randomUUID(),
      type: p.data.type,
      data: p.data.data ?? null,
      from: { userId: caller.userId, name: caller.userName },
      at: new Date().toISOString(),
    };
    this.remember(event);
    this.ctx.broadcast('event', event);
    // Runs and builds belong in the activity stream too (issue 4 §4).
    const kind = event.type.split('.')[0];
    if (kind === 'run' || kind === 'build') {
      this.ctx.peer<RoomService & ActivitySink>('activity')?.record({
        type: kind,
        userId: caller.userId,
        userName: caller.userName,
        data: { event: event.type, eventId: event.id, ...(size <= 512 ? { data: event.data } : {}) },
      });
    }
    return event;
  }

  /** An event published on another node of the cluster: late joiners here see it too. */
  onClusterEvent(name: string, body: unknown): void {
    if (name === 'event') this.remember(body as RoomEvent);
  }

  private remember(event: RoomEvent): void {
    this.recent.push(event);
    if (this.recent.length > KEEP_RECENT) this.recent.shift();
  }
}
