import { DEFAULT_RATES, type PresenceStatus, type Room, throttle } from '@ensemble/client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SessionUser } from '../api';
import { deriveStatus, EDITING_WINDOW_MS, type Pointer } from './logic/peers';

/** A lighter tint of a #rrggbb colour, for remote text selections in the code editor. */
function lighter(hex: string): string {
  return `${hex}33`;
}

/**
 * Writes my presence as separate awareness fields (`user`, `status`, `pointer`), never replacing the
 * whole state: the code editor's binding keeps its own `cursor` field in the same awareness.
 * Pointer moves are sent at most at the cursor rate (30 Hz); the last one always arrives.
 */
export function usePresenceWriter(room: Room, me: SessionUser) {
  const lastEdit = useRef<number | null>(null);
  const status = useRef<PresenceStatus | null>(null);

  const setField = useCallback(
    (field: string, value: unknown) => room.connection.awareness.setLocalStateField(field, value),
    [room],
  );

  const refreshStatus = useCallback(() => {
    const next = deriveStatus(lastEdit.current, Date.now(), document.visibilityState === 'hidden');
    if (next !== status.current) {
      status.current = next;
      setField('status', next);
    }
  }, [setField]);

  useEffect(() => {
    setField('user', { id: me.id, name: me.name, color: me.color, colorLight: lighter(me.color) });
    status.current = null;
    refreshStatus();
    const onVisibility = () => refreshStatus();
    document.addEventListener('visibilitychange', onVisibility);
    // The room replaces its awareness after a refused edit; write my fields into the new one.
    let awareness = room.connection.awareness;
    const off = room.subscribe(() => {
      if (room.connection.awareness === awareness) return;
      awareness = room.connection.awareness;
      setField('user', { id: me.id, name: me.name, color: me.color, colorLight: lighter(me.color) });
      status.current = null;
      refreshStatus();
    });
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      off();
    };
  }, [room, me, setField, refreshStatus]);

  const editTimer = useRef<number | undefined>(undefined);
  const noteEdit = useCallback(() => {
    lastEdit.current = Date.now();
    refreshStatus();
    window.clearTimeout(editTimer.current);
    editTimer.current = window.setTimeout(refreshStatus, EDITING_WINDOW_MS + 50);
  }, [refreshStatus]);
  useEffect(() => () => window.clearTimeout(editTimer.current), []);

  const sendPointer = useMemo(
    () => throttle((pointer: Pointer | null) => setField('pointer', pointer), DEFAULT_RATES.cursor),
    [setField],
  );
  useEffect(() => () => sendPointer.cancel(), [sendPointer]);

  return { noteEdit, setPointer: sendPointer };
}
