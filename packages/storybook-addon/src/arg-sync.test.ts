import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ArgSync, type Args, decodeArg, encodeArg, isShareable, sameValue } from './arg-sync.js';

describe('isShareable', () => {
  it('accepts what controls edit and refuses functions, elements and class instances', () => {
    for (const ok of [null, undefined, true, 3, 'x', [1, 'a'], { a: { b: [1] } }]) {
      expect(isShareable(ok), JSON.stringify(ok)).toBe(true);
    }
    const element = { $$typeof: Symbol.for('react.element'), type: 'div', props: {} };
    for (const bad of [() => 1, Number.NaN, Number.POSITIVE_INFINITY, new Date(), element, [() => 1], 1n]) {
      expect(isShareable(bad)).toBe(false);
    }
    expect(isShareable({ onClick: () => 1 })).toBe(false);
  });
});

describe('sameValue', () => {
  it('compares deeply, ignoring key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
  });

  it('round-trips undefined through the stored marker', () => {
    expect(decodeArg(encodeArg(undefined))).toBeUndefined();
    expect(decodeArg(encodeArg(null))).toBeNull();
    expect(decodeArg(encodeArg({ a: 1 }))).toEqual({ a: 1 });
  });
});

describe('ArgSync', () => {
  it('does not write the args a story joins with', () => {
    const sync = new ArgSync({ label: 'Button', primary: true });
    expect(sync.local({ label: 'Button', primary: true }, {})).toEqual({ write: {}, apply: {} });
  });

  it('writes a user change, but not one the room already holds', () => {
    const sync = new ArgSync({ label: 'Button' });
    expect(sync.local({ label: 'Hello' }, {}).write).toEqual({ label: 'Hello' });
    const other = new ArgSync({ label: 'Button' });
    expect(other.local({ label: 'Hello' }, { label: 'Hello' }).write).toEqual({});
  });

  it('never writes actions, excluded args or unshareable values', () => {
    const sync = new ArgSync({ onClick: () => 1, secret: 'a', label: 'x' }, ['secret']);
    const { write } = sync.local({ onClick: () => 2, secret: 'b', label: 'y' }, {});
    expect(write).toEqual({ label: 'y' });
    expect(sync.remote({ secret: 'z', label: 'y' })).toEqual({});
  });

  it('applies remote values once and swallows their echo', () => {
    const sync = new ArgSync({ label: 'Button', size: 'small' });
    expect(sync.remote({ label: 'Remote' })).toEqual({ label: 'Remote' });
    // The same shared state again (e.g. another key changed) does not re-apply.
    expect(sync.remote({ label: 'Remote' })).toEqual({});
    // Storybook renders the applied value: an echo, not a user change.
    expect(sync.local({ label: 'Remote', size: 'small' }, { label: 'Remote' }).write).toEqual({});
  });

  it('does not write an older remote value back when two arrive before a render', () => {
    const sync = new ArgSync({ label: 'a' });
    expect(sync.remote({ label: 'b' })).toEqual({ label: 'b' });
    expect(sync.remote({ label: 'c' })).toEqual({ label: 'c' });
    // Storybook renders the first one late: still an echo.
    expect(sync.local({ label: 'b' }, { label: 'c' })).toEqual({ write: {}, apply: {} });
    expect(sync.local({ label: 'c' }, { label: 'c' })).toEqual({ write: {}, apply: {} });
    // Coalesced renders (only the newest shown) are fine too.
    expect(sync.remote({ label: 'd' })).toEqual({ label: 'd' });
    expect(sync.remote({ label: 'e' })).toEqual({ label: 'e' });
    expect(sync.local({ label: 'e' }, { label: 'e' })).toEqual({ write: {}, apply: {} });
    // And a later user change to a value that was once applied is still written.
    expect(sync.local({ label: 'd' }, { label: 'e' }).write).toEqual({ label: 'd' });
  });

  it('re-applies the shared value when a late echo replaces a newer local change', () => {
    const sync = new ArgSync({ label: 'a' });
    expect(sync.remote({ label: 'remote' })).toEqual({ label: 'remote' });
    // The user edits before Storybook processed the remote value; the edit wins the room…
    expect(sync.local({ label: 'mine' }, { label: 'remote' }).write).toEqual({ label: 'mine' });
    // …then Storybook shows the stale remote value: put the room's value back on screen.
    expect(sync.local({ label: 'remote' }, { label: 'mine' })).toEqual({
      write: {},
      apply: { label: 'mine' },
    });
    expect(sync.local({ label: 'mine' }, { label: 'mine' })).toEqual({ write: {}, apply: {} });
  });

  it('shares a cleared arg as undefined', () => {
    const sync = new ArgSync({ label: 'a' });
    expect(sync.local({}, {}).write).toEqual({ label: undefined });
    const other = new ArgSync({ label: 'a' });
    expect(other.remote({ label: undefined })).toEqual({ label: undefined });
  });
});

/**
 * Viewers of one story: each has a Storybook stand-in (shown args + a queue of `updateArgs` calls it
 * has not rendered yet), an `ArgSync`, and a Y.Doc whose updates travel through an outbox.
 */
class Viewer {
  readonly doc = new Y.Doc();
  readonly map = this.doc.getMap<unknown>('args');
  readonly queue: Args[] = [];
  readonly outbox: Uint8Array[] = [];
  shown: Args;
  readonly sync: ArgSync;
  writes = 0;

  constructor(initial: Args) {
    this.shown = { ...initial };
    this.sync = new ArgSync(initial);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
    this.map.observe(() => this.enqueue(this.sync.remote(this.shared())));
  }

  shared(): Args {
    return Object.fromEntries([...this.map.entries()].map(([k, v]) => [k, decodeArg(v)]));
  }

  edit(key: string, value: unknown): void {
    this.shown = { ...this.shown, [key]: value };
    this.rendered();
  }

  render(): boolean {
    const next = this.queue.shift();
    if (!next) return false;
    this.shown = { ...this.shown, ...next };
    this.rendered();
    return true;
  }

  private rendered(): void {
    const { write, apply } = this.sync.local(this.shown, this.shared());
    const entries = Object.entries(write);
    if (entries.length > 0) {
      this.writes += entries.length;
      this.doc.transact(() => {
        for (const [key, value] of entries) this.map.set(key, encodeArg(value));
      });
    }
    this.enqueue(apply);
  }

  private enqueue(patch: Args): void {
    if (Object.keys(patch).length > 0) this.queue.push(patch);
  }
}

function deliver(from: Viewer, to: Viewer[]): boolean {
  const update = from.outbox.shift();
  if (!update) return false;
  for (const viewer of to) Y.applyUpdate(viewer.doc, update, 'remote');
  return true;
}

/** Delivers and renders until nothing moves; returns the steps taken (bounded: no echo loop). */
function settle(viewers: Viewer[]): number {
  let steps = 0;
  for (;;) {
    let moved = false;
    for (const viewer of viewers) {
      const others = viewers.filter((v) => v !== viewer);
      if (deliver(viewer, others)) moved = true;
      if (viewer.render()) moved = true;
    }
    if (!moved) return steps;
    steps++;
    if (steps > 500) throw new Error('viewers did not settle: echo loop');
  }
}

describe('ArgSync between viewers (real Yjs documents)', () => {
  it('a change in one viewer reaches the others and nobody writes it back', () => {
    const viewers = [new Viewer({ label: 'Button' }), new Viewer({ label: 'Button' })];
    const [a, b] = viewers as [Viewer, Viewer];
    a.edit('label', 'Hello');
    settle(viewers);
    expect(b.shown.label).toBe('Hello');
    expect(a.writes + b.writes).toBe(1);
  });

  it('a late joiner adopts the room’s args without writing its defaults', () => {
    const a = new Viewer({ label: 'Button', size: 'small' });
    a.edit('size', 'large');
    const late = new Viewer({ label: 'Button', size: 'small' });
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
    settle([a, late]);
    expect(late.shown).toEqual({ label: 'Button', size: 'large' });
    expect(late.writes).toBe(0);
  });

  it('converges under any interleaving of edits, deliveries and renders (fast-check)', () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('edit' as const),
        who: fc.nat(2),
        key: fc.constantFrom('label', 'size', 'count'),
        value: fc.oneof(
          fc.constantFrom('a', 'b', 'c'),
          fc.integer({ min: 0, max: 3 }),
          fc.constant(undefined),
        ),
      }),
      fc.record({ kind: fc.constant('deliver' as const), who: fc.nat(2) }),
      fc.record({ kind: fc.constant('render' as const), who: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const initial = { label: 'Button', size: 'small', count: 0 };
        const viewers = [new Viewer(initial), new Viewer(initial), new Viewer(initial)];
        for (const step of actions) {
          const viewer = viewers[step.who]!;
          if (step.kind === 'edit') viewer.edit(step.key, step.value);
          else if (step.kind === 'deliver')
            deliver(
              viewer,
              viewers.filter((v) => v !== viewer),
            );
          else viewer.render();
        }
        settle(viewers);
        const shared = viewers[0]!.shared();
        for (const viewer of viewers) {
          expect(viewer.shared()).toEqual(shared);
          expect(viewer.shown).toEqual({ ...initial, ...shared });
        }
      }),
      { seed: Number(process.env.FC_SEED ?? 5), numRuns: 300 },
    );
  });
});
