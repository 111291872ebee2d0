/**
 * Args shared between everyone viewing a story, without echo loops. Pure: no Storybook, no Yjs.
 *
 * Two directions meet here:
 * - local: Storybook rendered the story with `args` (a Controls edit, a reset, or the echo of a value
 *   we applied from the room). Only real user changes may be written to the shared map.
 * - remote: the shared map changed (someone else, or the first sync). Only keys whose value differs
 *   from what Storybook shows (or is about to show) are applied.
 *
 * An applied remote value comes back later as a render; `ArgSync` remembers what it asked Storybook
 * to show and swallows that echo instead of writing it back (which, with a second remote change in
 * between, would overwrite the newer value with the older one).
 */

export type Args = Record<string, unknown>;

/** Y.Map cannot hold `undefined`; a cleared arg travels as this marker. */
const UNDEFINED = { $ensemble: 'undefined' } as const;

/** Plain JSON (null, booleans, finite numbers, strings, arrays, plain objects): what a control can edit. */
export function isShareable(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return value.every((item) => item !== undefined && isShareable(item));
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false; // Date, class instances…
      // React elements are plain objects with a symbol `$$typeof`; never share them.
      if ('$$typeof' in value) return false;
      return Object.values(value).every((item) => isShareable(item));
    }
    default:
      return false; // functions (actions), symbols, bigints
  }
}

/** Deep equality of shareable values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

/** Value → what the shared map stores. */
export function encodeArg(value: unknown): unknown {
  return value === undefined ? UNDEFINED : value;
}

/** Stored value → arg value. */
export function decodeArg(stored: unknown): unknown {
  return sameValue(stored, UNDEFINED) ? undefined : stored;
}

function keysOf(...records: Args[]): Set<string> {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return keys;
}

export class ArgSync {
  private previous: Args;
  /** Per key: values we asked Storybook to show that it has not rendered yet, oldest first. */
  private readonly applied = new Map<string, unknown[]>();
  private readonly exclude: ReadonlySet<string>;

  /** `initial`: the args Storybook shows when the story joins (they are not written). */
  constructor(initial: Args, exclude: Iterable<string> = []) {
    this.previous = { ...initial };
    this.exclude = new Set(exclude);
  }

  /** May `key` with `value` travel through the room? */
  shares(key: string, value: unknown): boolean {
    return !this.exclude.has(key) && isShareable(value);
  }

  /**
   * Storybook rendered `args`; `shared` is the decoded shared map. Returns `write`: the user's changes
   * for the shared map (not echoes of remote values, not values already shared), and `apply`: shared
   * values to show again because a late echo of an older remote value replaced them in Storybook.
   */
  local(args: Args, shared: Args): { write: Args; apply: Args } {
    const write: Args = {};
    const apply: Args = {};
    for (const key of keysOf(this.previous, args)) {
      const value = args[key];
      if (sameValue(this.previous[key], value)) continue;
      if (this.consumeEcho(key, value)) {
        const stillPending = this.applied.has(key);
        if (!stillPending && Object.hasOwn(shared, key) && !sameValue(shared[key], value)) {
          apply[key] = shared[key];
          this.applied.set(key, [shared[key]]);
        }
        continue;
      }
      if (!this.shares(key, value)) continue;
      if (Object.hasOwn(shared, key) && sameValue(shared[key], value)) continue;
      write[key] = value;
    }
    this.previous = { ...args };
    return { write, apply };
  }

  /**
   * The shared map is now `shared` (decoded). Returns the args to apply to Storybook: keys whose value
   * differs from what Storybook shows or was already asked to show.
   */
  remote(shared: Args): Args {
    const updates: Args = {};
    for (const [key, value] of Object.entries(shared)) {
      if (!this.shares(key, value)) continue;
      const pending = this.applied.get(key);
      const showing = pending && pending.length > 0 ? pending[pending.length - 1] : this.previous[key];
      if (sameValue(showing, value)) continue;
      updates[key] = value;
      this.applied.set(key, [...(pending ?? []), value]);
    }
    return updates;
  }

  /** A render showing a value we applied: drop it (and anything older Storybook coalesced away). */
  private consumeEcho(key: string, value: unknown): boolean {
    const pending = this.applied.get(key);
    if (!pending) return false;
    const index = pending.findIndex((item) => sameValue(item, value));
    if (index < 0) return false;
    pending.splice(0, index + 1);
    if (pending.length === 0) this.applied.delete(key);
    return true;
  }
}
