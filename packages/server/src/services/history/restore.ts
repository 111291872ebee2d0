import * as Y from 'yjs';
import { typedRoots } from '../../rooms/doc-json.js';

type Cloneable = { clone(): unknown };

function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value as unknown as Cloneable).clone() : value;
}

/**
 * Changes `live` so its content equals `target`, as ordinary forward edits (history is never
 * rewritten): differing map keys are set to copies of the old values, texts are patched in their
 * changed range only, arrays are replaced. Run inside one transaction.
 */
export function restoreInto(live: Y.Doc, target: Y.Doc): void {
  const wanted = typedRoots(target);
  const current = typedRoots(live);
  for (const [name, want] of wanted) {
    if (want instanceof Y.Map) {
      const map = live.getMap(name);
      const targetJson = want.toJSON() as Record<string, unknown>;
      for (const key of [...map.keys()]) if (!want.has(key)) map.delete(key);
      for (const [key, value] of want.entries()) {
        if (JSON.stringify(map.toJSON()[key]) !== JSON.stringify(targetJson[key]))
          map.set(key, cloneValue(value));
      }
    } else if (want instanceof Y.Text) {
      const text = live.getText(name);
      const from = text.toString();
      const to = want.toString();
      if (from === to) continue;
      let start = 0;
      while (start < from.length && start < to.length && from[start] === to[start]) start++;
      let end = 0;
      while (
        end < from.length - start &&
        end < to.length - start &&
        from[from.length - 1 - end] === to[to.length - 1 - end]
      )
        end++;
      text.delete(start, from.length - start - end);
      text.insert(start, to.slice(start, to.length - end));
    } else if (want instanceof Y.Array) {
      const array = live.getArray(name);
      if (JSON.stringify(array.toJSON()) === JSON.stringify(want.toJSON())) continue;
      array.delete(0, array.length);
      array.insert(0, want.toArray().map(cloneValue));
    }
  }
  // Roots that did not exist at the target version are emptied.
  for (const [name, root] of current) {
    if (wanted.has(name)) continue;
    if (root instanceof Y.Map) for (const key of [...root.keys()]) root.delete(key);
    else if (root instanceof Y.Text) root.delete(0, root.length);
    else if (root instanceof Y.Array) root.delete(0, root.length);
  }
}
