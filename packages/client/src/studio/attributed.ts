import type * as Y from 'yjs';
import {
  type Attribution,
  LOG_LEVELS,
  type LogLevel,
  type LogLine,
  type Selection,
  type TimelineState,
} from './shapes.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function attribution(v: unknown): Attribution | null {
  if (!isRecord(v) || typeof v.userId !== 'string') return null;
  return { userId: v.userId, name: typeof v.name === 'string' ? v.name : v.userId };
}

/** The shared selection (written by the server's `studio.select`), or null when nothing is selected yet. */
export function readSelection(map: Y.Map<unknown>): Selection | null {
  const active = map.get('active');
  if (!isRecord(active)) return null;
  const by = attribution(active.by);
  if (!by) return null;
  return {
    objectId: typeof active.objectId === 'string' ? active.objectId : null,
    by,
    at: typeof active.at === 'string' ? active.at : '',
  };
}

/** The shared timeline (written by the server's `studio.scrub`). */
export function readTimeline(map: Y.Map<unknown>): TimelineState {
  const time = map.get('time');
  const at = map.get('at');
  return {
    time: typeof time === 'number' && Number.isFinite(time) ? time : 0,
    playing: map.get('playing') === true,
    by: attribution(map.get('by')),
    at: typeof at === 'string' ? at : null,
  };
}

/** The shared console (written by the server's `studio.log` / `studio.clear`), oldest first. */
export function readConsole(array: Y.Array<unknown>): LogLine[] {
  const lines: LogLine[] = [];
  for (const item of array.toArray()) {
    if (!isRecord(item)) continue;
    const by = attribution(item.by);
    if (!by || typeof item.text !== 'string') continue;
    lines.push({
      id: typeof item.id === 'string' ? item.id : String(lines.length),
      level: LOG_LEVELS.includes(item.level as LogLevel) ? (item.level as LogLevel) : 'log',
      text: item.text,
      at: typeof item.at === 'string' ? item.at : '',
      by,
    });
  }
  return lines;
}
