import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionUser } from '../api';

export interface DraftPeer {
  clientId: number;
  name: string;
  color: string;
}

export interface DraftRoom {
  text: Y.Text | null;
  synced: boolean;
  peers: DraftPeer[];
}

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

/**
 * Joins the live room `post:<id>` with a plain y-websocket provider (the Ensemble client SDK is not
 * ready yet; the server speaks the y-websocket protocol on `/sync/<room>`). The draft's text is the
 * Y.Text `content`; presence is the awareness field `user`.
 *
 * @example
 * const { text, synced, peers } = useDraftRoom(post.id, session.token, session.user);
 */
export function useDraftRoom(postId: string, token: string, user: SessionUser): DraftRoom {
  const [room, setRoom] = useState<DraftRoom>({ text: null, synced: false, peers: [] });
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncUrl(), `post:${postId}`, doc, { params: { token } });
    const text = doc.getText('content');
    provider.awareness.setLocalStateField('user', { name: user.name, color: user.color });
    const peers = (): DraftPeer[] =>
      [...provider.awareness.getStates().entries()]
        .filter(([id, state]) => id !== doc.clientID && state.user)
        .map(([id, state]) => ({
          clientId: id,
          name: String((state.user as { name?: unknown }).name ?? 'someone'),
          color: String((state.user as { color?: unknown }).color ?? '#888'),
        }));
    const update = () => setRoom({ text, synced: provider.synced, peers: peers() });
    provider.on('sync', update);
    provider.awareness.on('change', update);
    update();
    return () => {
      provider.awareness.off('change', update);
      provider.off('sync', update);
      provider.destroy();
      doc.destroy();
    };
  }, [postId, token, user.name, user.color]);
  return room;
}
