import * as Y from 'yjs';
import type { RoomConnection } from './room.js';

/** A moment (`Date` or ISO string) or an update-log position. */
export type At = Date | string | { seq: number };

export interface Version {
  id: number;
  seq: number;
  at: string;
  name: string | null;
  author: string | null;
}

export interface Change {
  root: string;
  kind: 'map' | 'text' | 'array' | 'xml';
  key?: string;
  change: 'added' | 'removed' | 'changed';
  range?: [number, number];
  by: string[];
}

function point(at: At): { time: string } | { seq: number } {
  if (typeof at === 'object' && !(at instanceof Date)) return { seq: at.seq };
  return { time: (at instanceof Date ? at : new Date(at)).toISOString() };
}

// atob exists in browsers and Node; Buffer does not exist in browsers.
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export interface Replay {
  replayId: string;
  count: number;
  /** The replaying document: starts at `from`, receives each update at its (scaled) original pace. */
  doc: Y.Doc;
  done: Promise<void>;
  stop(): void;
}

/** Versions, time travel, diffs, restore and replay of a room (issue 4 §6). */
export class HistoryApi {
  constructor(private readonly room: RoomConnection) {}

  versions(): Promise<Version[]> {
    return this.room.request<{ versions: Version[] }>('history', 'versions').then((r) => r.versions);
  }

  saveVersion(name: string): Promise<Version> {
    return this.room.request<Version>('history', 'saveVersion', { name });
  }

  /** The document as it was at `at`, as a fresh Y.Doc (plus its JSON). */
  async at(at: At): Promise<{ seq: number; doc: Y.Doc; json: Record<string, unknown> }> {
    const r = await this.room.request<{ seq: number; state: string; json: Record<string, unknown> }>(
      'history',
      'at',
      {
        ...point(at),
        json: true,
      },
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes(r.state));
    return { seq: r.seq, doc, json: r.json };
  }

  diff(from: At, to: At): Promise<{ from: number; to: number; authors: string[]; changes: Change[] }> {
    return this.room.request('history', 'diff', { from: point(from), to: point(to) });
  }

  /** Makes the live document equal the version at `at`, as a new edit (history is kept). */
  restore(at: At): Promise<{ restoredTo: number; changed: boolean }> {
    return this.room.request('history', 'restore', point(at));
  }

  export(afterSeq = 0): Promise<{
    room: string;
    updates: { seq: number; at: string; author: string; bytes: number; update: string }[];
  }> {
    return this.room.request('history', 'export', { afterSeq });
  }

  /** Streams the room's updates with their original pacing × `speed` into a new document. */
  async replay(options: { from?: At; to?: At; speed?: number } = {}): Promise<Replay> {
    const doc = new Y.Doc();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let replayId = '';
    const early: { name: string; body: { replayId: string; update?: string } }[] = [];
    const handle = (name: string, body: { replayId: string; update?: string }) => {
      if (body.replayId !== replayId) return;
      if (name === 'replay' && body.update) Y.applyUpdate(doc, bytes(body.update));
      if (name === 'replay-end') {
        off();
        finish();
      }
    };
    const off = this.room.events.on('service', (event) => {
      if (event.service !== 'history' || (event.name !== 'replay' && event.name !== 'replay-end')) return;
      const body = event.body as { replayId: string; update?: string };
      if (!replayId) early.push({ name: event.name, body });
      else handle(event.name, body);
    });
    const r = await this.room.request<{ replayId: string; count: number; initialState: string | null }>(
      'history',
      'replay',
      {
        ...(options.from ? { from: point(options.from) } : {}),
        ...(options.to ? { to: point(options.to) } : {}),
        speed: options.speed ?? 1,
      },
    );
    replayId = r.replayId;
    if (r.initialState) Y.applyUpdate(doc, bytes(r.initialState));
    for (const e of early.splice(0)) handle(e.name, e.body);
    return {
      replayId,
      count: r.count,
      doc,
      done,
      stop: () => {
        off();
        finish();
      },
    };
  }
}
