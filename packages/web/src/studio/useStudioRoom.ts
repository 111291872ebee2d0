import { createClient, type Room } from '@ensemble/client';
import { createStudio, type Studio } from '@ensemble/client/studio';
import { useEffect, useState } from 'react';
import { DEFAULT_IDLE_MS, IdleLocks } from './logic/idleLocks';
import { lockIdleMsFrom } from './logic/locks';
import { studioRoomName } from './logic/roomName';
import { SEED_BLUEPRINT, SEED_SCENE, SEED_SHADER } from './logic/seed';

export interface StudioRoom {
  room: Room;
  studio: Studio;
  idleLocks: IdleLocks;
}

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

/** A new room gets a starter graph, scene and shader once it has synced and is still empty. */
function seed(studio: Studio): void {
  studio.graph.seed(SEED_BLUEPRINT.name, SEED_BLUEPRINT.nodes, SEED_BLUEPRINT.wires);
  studio.scene.seed(SEED_SCENE);
  if (studio.shaderGraph.seed(SEED_SHADER.name, SEED_SHADER.nodes, SEED_SHADER.wires)) {
    if (studio.shaderCode().length === 0) studio.regenerateShader();
  }
}

/**
 * Joins `studio:<name>` with the Ensemble client for as long as the workspace is mounted.
 * `?lockIdleMs=` in the page URL shortens the soft-lock idle time (tests and demos).
 */
export function useStudioRoom(name: string | null, token: string): StudioRoom | null {
  const [state, setState] = useState<StudioRoom | null>(null);
  useEffect(() => {
    if (name === null || !token) return;
    const client = createClient({ url: syncUrl(), token });
    const room = client.room(studioRoomName(name));
    const studio = createStudio(room);
    const idleLocks = new IdleLocks({
      acquire: (resource) => room.locks.acquire(resource, { kind: 'soft' }),
      release: (resource) => room.locks.release(resource),
      idleMs: lockIdleMsFrom(window.location.search, DEFAULT_IDLE_MS),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (handle) => window.clearTimeout(handle as number),
    });
    let live = true;
    void room.whenSynced().then(() => {
      if (live) seed(studio);
    });
    setState({ room, studio, idleLocks });
    return () => {
      live = false;
      idleLocks.releaseAll();
      studio.destroy();
      client.close();
      setState(null);
    };
  }, [name, token]);
  return state;
}
