import { createClient, type Room, type RoomStatus } from '@ensemble/client';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { SessionUser } from '../api';

export interface DraftPeer {
  clientId: number;
  name: string;
  color: string;
}

export interface DraftRoom {
  room: Room | null;
  text: Y.Text | null;
  /** The server's state has arrived (since the last connect). */
  synced: boolean;
  /** The device's copy (edits made offline, earlier visits) is in the text. */
  localLoaded: boolean;
  status: RoomStatus;
  peers: DraftPeer[];
}

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

const EMPTY: DraftRoom = {
  room: null,
  text: null,
  synced: false,
  localLoaded: false,
  status: 'connecting',
  peers: [],
};

/**
 * Joins the live room `post:<id>` with the Ensemble client, keeping a copy on this device
 * (`offline: true`): edits made without a connection survive a reload and sync when it is back.
 * The draft's text is the Y.Text `content`; presence carries `user`; the room's chat is `room.chat`.
 *
 * @example
 * const { text, synced, peers, room } = useDraftRoom(post.id, session.token, session.user);
 */
export function useDraftRoom(postId: string, token: string, user: SessionUser): DraftRoom {
  const [state, setState] = useState<DraftRoom>(EMPTY);
  useEffect(() => {
    const client = createClient({ url: syncUrl(), token });
    const room = client.room(`post:${postId}`, { offline: true });
    room.presence.set({ user: { id: user.id, name: user.name, color: user.color } });
    let localLoaded = !room.offline;
    const peers = (): DraftPeer[] =>
      room.presence
        .others()
        .filter((o) => o.presence.user)
        .map((o) => ({
          clientId: o.clientId,
          name: String(o.presence.user?.name ?? 'someone'),
          color: String(o.presence.user?.color ?? '#888'),
        }));
    const update = () =>
      setState({
        room,
        // Read each time: the document is replaced if the server ever refuses local changes.
        text: room.doc.getText('content'),
        synced: room.status === 'synced' || room.status === 'saved',
        localLoaded,
        status: room.status,
        peers: peers(),
      });
    const off = room.subscribe(update);
    let live = true;
    void room.whenLocalLoaded().then(() => {
      localLoaded = true;
      if (live) update();
    });
    update();
    return () => {
      live = false;
      off();
      client.close();
      setState(EMPTY);
    };
  }, [postId, token, user.id, user.name, user.color]);
  return state;
}
