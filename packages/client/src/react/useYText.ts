import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import { yStore } from '../stores.js';

/**
 * A root Y.Text as a string.
 * @example
 * const code = useYText(room, 'shader');
 */
export function useYText(room: Room, name: string): string {
  const store = useMemo(
    () =>
      yStore(
        room,
        (doc) => doc.getText(name),
        (text) => text.toString(),
      ),
    [room, name],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
