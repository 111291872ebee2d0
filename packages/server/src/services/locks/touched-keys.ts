import * as Y from 'yjs';

/** A top-level entry of a root Y.Map: `{ root: 'graph', key: 'node:7' }`. */
export interface RootKey {
  root: string;
  key: string;
}

type AnyItem = Y.Item;

function keyOf(r: RootKey): string {
  return `${r.root}\u0000${r.key}`;
}

/** Walks from an integrated item up to the root-level map key it lives under, if any. */
interface Place {
  root: string;
  key: string | null;
}

function rootKeyOfItem(item: AnyItem): Place | null {
  let current: AnyItem = item;
  for (;;) {
    const parent = current.parent as Y.AbstractType<unknown> | null;
    if (!parent) return null;
    if (parent._item === null) {
      const root = Y.findRootTypeKey(parent as unknown as Y.AbstractType<Y.YEvent<never>>);
      return { root, key: current.parentSub };
    }
    current = parent._item;
  }
}

function storedItem(doc: Y.Doc, id: Y.ID): AnyItem | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : null;
}

/**
 * Which root-map entries an update would change, found without applying it: new items are traced to
 * their parent (directly, through the item they were inserted next to, or through the type they are
 * nested in) and deletions to the items they remove. `unresolved` counts items whose place depends
 * on data the server does not have yet (they will wait as pending structs anyway).
 */
export function touchedRootKeys(
  doc: Y.Doc,
  update: Uint8Array,
): { keys: RootKey[]; roots: string[]; unresolved: number } {
  const decoded = Y.decodeUpdate(update);
  const fresh = new Map<string, AnyItem>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item) fresh.set(`${struct.id.client}:${struct.id.clock}`, struct);
  }
  const found = new Map<string, RootKey>();
  const roots = new Set<string>();
  let unresolved = 0;
  const add = (r: Place | null) => {
    if (!r) return;
    roots.add(r.root);
    if (r.key !== null) found.set(keyOf({ root: r.root, key: r.key }), { root: r.root, key: r.key });
  };

  const lookup = (id: Y.ID): { stored: AnyItem } | { fresh: AnyItem } | null => {
    const stored = storedItem(doc, id);
    if (stored) return { stored };
    for (let clock = id.clock; clock >= 0 && id.clock - clock < 10_000; clock--) {
      const candidate = fresh.get(`${id.client}:${clock}`);
      if (candidate) return clock + candidate.length > id.clock ? { fresh: candidate } : null;
    }
    return null;
  };

  const resolveFresh = (item: AnyItem, depth = 0): Place | null | 'unknown' => {
    if (depth > 1000) return 'unknown';
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, key: item.parentSub };
    if (
      parent instanceof Y.ID ||
      (parent && typeof parent === 'object' && 'client' in parent && 'clock' in parent)
    ) {
      // Nested in a type: the type's own item decides.
      const owner = lookup(parent as Y.ID);
      if (!owner) return 'unknown';
      return 'stored' in owner ? rootKeyOfItem(owner.stored) : resolveFresh(owner.fresh, depth + 1);
    }
    // Parent omitted on the wire: it is the parent of the neighbour it was inserted next to.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return 'unknown';
    const n = lookup(neighbour);
    if (!n) return 'unknown';
    if ('stored' in n) {
      const r = rootKeyOfItem(n.stored);
      // A map write's neighbour is the previous value of the same key, so the key carries over.
      return r;
    }
    return resolveFresh(n.fresh, depth + 1);
  };

  for (const item of fresh.values()) {
    // A full-state update (SyncStep2) repeats items the server already has; they change nothing.
    if (item.id.clock + item.length <= Y.getState(doc.store, item.id.client)) continue;
    const r = resolveFresh(item);
    if (r === 'unknown') unresolved++;
    else add(r);
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const item = storedItem(doc, Y.createID(client, clock));
        if (!item) {
          unresolved++;
          break;
        }
        // Updates carry their whole delete set; only deletions the server has not seen change anything.
        if (!item.deleted) add(rootKeyOfItem(item));
        clock = item.id.clock + item.length;
      }
    }
  }
  return { keys: [...found.values()], roots: [...roots].sort(), unresolved };
}
