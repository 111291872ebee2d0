import { createContext, useContext } from 'react';
import type { Peer } from './logic/peers';

export interface CursorsValue {
  /** Peers whose cursors are drawn (at most 16). */
  shown: Peer[];
  setPointer(pointer: { panel: string; x: number; y: number } | null): void;
}

export const CursorsContext = createContext<CursorsValue>({ shown: [], setPointer: () => undefined });

/** Remote cursors over one panel, in each person's colour with their name. */
export function CursorLayer({ panel }: { panel: string }) {
  const { shown } = useContext(CursorsContext);
  const here = shown.filter((p) => p.pointer?.panel === panel);
  if (here.length === 0) return null;
  return (
    <div className="st-cursors" aria-hidden="true">
      {here.map((peer) => (
        <div
          key={peer.clientId}
          className="st-cursor"
          data-testid="remote-cursor"
          data-user={peer.name}
          style={{ left: `${peer.pointer!.x * 100}%`, top: `${peer.pointer!.y * 100}%`, color: peer.color }}
        >
          <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
            <path
              d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z"
              fill="currentColor"
              stroke="white"
              strokeWidth="1.2"
            />
          </svg>
          <span className="st-cursor-name" style={{ background: peer.color }}>
            {peer.name}
          </span>
        </div>
      ))}
    </div>
  );
}
