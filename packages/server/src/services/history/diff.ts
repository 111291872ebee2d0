import * as Y from 'yjs';
import { typedRoots } from '../../rooms/doc-json.js';

export interface Change {
  root: string;
  kind: 'map' | 'text' | 'array' | 'xml';
  key?: string;
  change: 'added' | 'removed' | 'changed';
  /** Text: the changed range in the newer version, `[from, to)`. */
  range?: [number, number];
  by: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What differs between two versions of a document: map keys added/removed/changed, the changed range
 * of texts, arrays that changed. `authors` maps `root` or `root/key` to who touched it in between.
 */
export function diffDocs(before: Y.Doc, after: Y.Doc, authors: Map<string, Set<string>>): Change[] {
  const a = typedRoots(before);
  const b = typedRoots(after);
  const changes: Change[] = [];
  const by = (root: string, key?: string) =>
    [...(authors.get(key === undefined ? root : `${root}/${key}`) ?? authors.get(root) ?? [])].sort();
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const left = a.get(name);
    const right = b.get(name);
    const kind =
      (right ?? left) instanceof Y.Map
        ? 'map'
        : (right ?? left) instanceof Y.Text
          ? 'text'
          : (right ?? left) instanceof Y.Array
            ? 'array'
            : 'xml';
    if (kind === 'map') {
      const l = (left?.toJSON() ?? {}) as Record<string, unknown>;
      const r = (right?.toJSON() ?? {}) as Record<string, unknown>;
      for (const key of [...new Set([...Object.keys(l), ...Object.keys(r)])].sort()) {
        if (!(key in l)) changes.push({ root: name, kind, key, change: 'added', by: by(name, key) });
        else if (!(key in r)) changes.push({ root: name, kind, key, change: 'removed', by: by(name, key) });
        else if (!same(l[key], r[key]))
          changes.push({ root: name, kind, key, change: 'changed', by: by(name, key) });
      }
    } else if (kind === 'text') {
      const l = left?.toString() ?? '';
      const r = right?.toString() ?? '';
      if (l === r) continue;
      let start = 0;
      while (start < l.length && start < r.length && l[start] === r[start]) start++;
      let end = 0;
      while (
        end < l.length - start &&
        end < r.length - start &&
        l[l.length - 1 - end] === r[r.length - 1 - end]
      )
        end++;
      changes.push({
        root: name,
        kind,
        change: left ? 'changed' : 'added',
        range: [start, r.length - end],
        by: by(name),
      });
    } else if (!same(left?.toJSON(), right?.toJSON())) {
      changes.push({
        root: name,
        kind,
        change: !left ? 'added' : !right ? 'removed' : 'changed',
        by: by(name),
      });
    }
  }
  return changes;
}
