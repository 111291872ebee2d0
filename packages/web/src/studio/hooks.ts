import type { LockInfo, Room, RoomStatus } from '@ensemble/client';
import { othersStore, statusStore } from '@ensemble/client';
import {
  type GraphSnapshot,
  type InspectorValues,
  type LogLine,
  type SceneObject,
  type Selection,
  studioStores,
  type TimelineState,
} from '@ensemble/client/studio';
import { useMemo, useSyncExternalStore } from 'react';
import { type Peer, readPeers } from './logic/peers';
import { useStudio } from './StudioContext';
import { useStore } from './useStore';

export function useGraph(root: string): GraphSnapshot {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.graph(room, root), [room, root]));
}

export function useScene(): SceneObject[] {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.scene(room), [room]));
}

export function useSelection(): Selection | null {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.selection(room), [room]));
}

export function useTimeline(): TimelineState {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.timeline(room), [room]));
}

export function useConsoleLines(): LogLine[] {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.console(room), [room]));
}

export function useInspector(objectId: string): InspectorValues {
  const { room } = useStudio();
  return useStore(useMemo(() => studioStores.inspector(room, objectId), [room, objectId]));
}

/** Every lock in the room (kept current from server events). */
export function useLocks(room: Room): LockInfo[] {
  return useSyncExternalStore(
    (l) => room.subscribe(l),
    () => room.locks.all(),
    () => room.locks.all(),
  );
}

export function useRoomStatus(room: Room): RoomStatus {
  return useStore(useMemo(() => statusStore(room), [room]));
}

/** Everyone else in the room, as people with a name, colour, status and pointer. */
export function usePeers(room: Room): Peer[] {
  const others = useStore(useMemo(() => othersStore(room), [room]));
  return useMemo(() => readPeers(others), [others]);
}

/** userId → name for everyone I can see (me included), for naming authors in history. */
export function useKnownNames(room: Room, me: { id: string; name: string }): ReadonlyMap<string, string> {
  const peers = usePeers(room);
  return useMemo(
    () => new Map([[me.id, me.name], ...peers.map((p) => [p.userId, p.name] as const)]),
    [peers, me],
  );
}
