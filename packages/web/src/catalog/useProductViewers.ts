import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionUser } from '../api';

export interface Viewer {
  clientId: number;
  name: string;
  color: string;
}

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

/**
 * Who else is looking at this product: joins the room `catalog:<sku>` with a plain y-websocket provider
 * (the Ensemble client SDK is not ready yet) and uses awareness only — the document stays empty.
 *
 * @example
 * const viewers = useProductViewers(product.sku, session.token, session.user);
 */
export function useProductViewers(sku: string, token: string, user: SessionUser): Viewer[] {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncUrl(), `catalog:${sku}`, doc, { params: { token } });
    provider.awareness.setLocalStateField('user', { name: user.name, color: user.color });
    const update = () =>
      setViewers(
        [...provider.awareness.getStates().entries()]
          .filter(([id, state]) => id !== doc.clientID && state.user)
          .map(([id, state]) => ({
            clientId: id,
            name: String((state.user as { name?: unknown }).name ?? 'someone'),
            color: String((state.user as { color?: unknown }).color ?? '#888'),
          })),
      );
    provider.awareness.on('change', update);
    update();
    return () => {
      provider.awareness.off('change', update);
      provider.destroy();
      doc.destroy();
      setViewers([]);
    };
  }, [sku, token, user.name, user.color]);
  return viewers;
}
