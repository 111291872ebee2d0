import { randomUUID } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type * as Y from 'yjs';
import { z } from 'zod';
import { type Action, can } from '../../auth/room-grants.js';
import { touchedRootKeys } from '../locks/touched-keys.js';
import { parseParams } from '../params.js';
import type { RoomService, ServiceCaller, ServiceContext, ServiceFactory } from '../service.js';

/**
 * The Studio roots whose entries carry attribution; the same names as `@ensemble/client/studio`
 * (shapes.ts), which reads what this service writes.
 */
export const STUDIO_ROOTS = {
  selection: 'studio.selection',
  timeline: 'studio.timeline',
  console: 'studio.console',
} as const;
const SERVER_WRITTEN = new Set<string>(Object.values(STUDIO_ROOTS));

export const MAX_CONSOLE_LINES = 500;
export const MAX_LOG_TEXT = 2_000;
/** A day of timeline is far beyond any scene; it keeps nonsense out of the document. */
export const MAX_TIMELINE_SECONDS = 24 * 3600;

const selectParams = z.object({ objectId: z.string().min(1).max(256).nullable() }).strict();
const scrubParams = z
  .object({ time: z.number().finite().min(0).max(MAX_TIMELINE_SECONDS), playing: z.boolean().optional() })
  .strict();
const logParams = z
  .object({ level: z.enum(['log', 'info', 'warn', 'error']), text: z.string().min(1).max(MAX_LOG_TEXT) })
  .strict();
const noParams = z.object({}).strict();

const parse = <T>(schema: z.ZodType<T>, params: unknown, method: string): T =>
  parseParams(schema, params, `studio.${method} request`);

/** Cheap pre-check: an update can only touch a root the document has, or name it in its bytes. */
const MARKER = new TextEncoder().encode('studio.');
function mentionsStudio(update: Uint8Array): boolean {
  outer: for (let i = 0; i <= update.length - MARKER.length; i++) {
    for (let j = 0; j < MARKER.length; j++) if (update[i + j] !== MARKER[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Attributed Studio state (issue 4, "typed helpers"): the shared selection, the timeline playhead
 * and the console, each stamped with who did it. The stamp comes from the authenticated caller, and
 * client updates that touch these roots directly are refused, so nobody can write in another's name.
 */
export class StudioService implements RoomService {
  readonly name = 'studio';

  constructor(
    private readonly ctx: ServiceContext,
    private readonly doc: Y.Doc,
  ) {}

  async handle(method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    switch (method) {
      case 'select':
        return this.select(parse(selectParams, params, method).objectId, caller);
      case 'scrub':
        return this.scrub(parse(scrubParams, params, method), caller);
      case 'log':
        return this.log(parse(logParams, params, method), caller);
      case 'clear':
        parse(noParams, params, method);
        return this.clear(caller);
      case 'members':
        parse(noParams, params, method);
        this.require(caller, 'read', 'see who is here');
        return { members: this.members() };
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `studio has no method ${method}`);
    }
  }

  /** Connected users, one entry per user (a user may have several tabs open). */
  members(): { userId: string; name: string; connections: number }[] {
    const byUser = new Map<string, { userId: string; name: string; connections: number }>();
    for (const m of this.ctx.members()) {
      const entry = byUser.get(m.userId) ?? { userId: m.userId, name: m.userName, connections: 0 };
      entry.connections++;
      byUser.set(m.userId, entry);
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  vetoUpdate(update: Uint8Array, _caller: ServiceCaller): string | null {
    const known = [...SERVER_WRITTEN].some((root) => this.doc.share.has(root));
    if (!known && !mentionsStudio(update)) return null;
    const touched = touchedRootKeys(this.doc, update).roots.find((root) => SERVER_WRITTEN.has(root));
    return touched
      ? `${touched} is written by the server: use the studio service (select, scrub, log, clear)`
      : null;
  }

  private async select(objectId: string | null, caller: ServiceCaller) {
    this.require(caller, 'edit', 'select');
    const selection = { objectId, by: this.by(caller), at: new Date().toISOString() };
    await this.ctx.mutate(caller.userId, (doc) =>
      doc.getMap(STUDIO_ROOTS.selection).set('active', selection),
    );
    return selection;
  }

  private async scrub(params: z.infer<typeof scrubParams>, caller: ServiceCaller) {
    this.require(caller, 'edit', 'move the timeline');
    const map = this.doc.getMap(STUDIO_ROOTS.timeline);
    const state = {
      time: params.time,
      playing: params.playing ?? map.get('playing') === true,
      by: this.by(caller),
      at: new Date().toISOString(),
    };
    await this.ctx.mutate(caller.userId, (doc) => {
      const timeline = doc.getMap(STUDIO_ROOTS.timeline);
      for (const [key, value] of Object.entries(state)) timeline.set(key, value);
    });
    return state;
  }

  private async log(params: z.infer<typeof logParams>, caller: ServiceCaller) {
    this.require(caller, 'edit', 'write to the console');
    const line = {
      id: randomUUID(),
      level: params.level,
      text: params.text,
      at: new Date().toISOString(),
      by: this.by(caller),
    };
    await this.ctx.mutate(caller.userId, (doc) => {
      const lines = doc.getArray(STUDIO_ROOTS.console);
      lines.push([line]);
      if (lines.length > MAX_CONSOLE_LINES) lines.delete(0, lines.length - MAX_CONSOLE_LINES);
    });
    return line;
  }

  private async clear(caller: ServiceCaller) {
    this.require(caller, 'edit', 'clear the console');
    const cleared = this.doc.getArray(STUDIO_ROOTS.console).length;
    await this.ctx.mutate(caller.userId, (doc) => {
      const lines = doc.getArray(STUDIO_ROOTS.console);
      lines.delete(0, lines.length);
    });
    return { cleared };
  }

  private by(caller: ServiceCaller) {
    return { userId: caller.userId, name: caller.userName };
  }

  private require(caller: ServiceCaller, action: Action, what: string): void {
    if (!can(caller.role, action))
      throw new EnsembleError(ErrorCode.Forbidden, `a ${caller.role} cannot ${what} in this room`);
  }
}

export function studioService(): ServiceFactory {
  return (ctx, doc) => new StudioService(ctx, doc);
}
