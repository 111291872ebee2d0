import { type ReactNode, useEffect, useMemo, useState } from 'react';
// The Studio web app's own code (helper modules of packages/web), used from source.
import type { SessionUser } from '../../../web/src/api';
import { StudioContext, type StudioContextValue } from '../../../web/src/studio/StudioContext';
import { useStudioRoom } from '../../../web/src/studio/useStudioRoom';
import { devToken } from '../../src/config.js';
import '../../../web/src/styles.css';
import '../../../web/src/studio/studio.css';

/** A dev token for the viewer, from the same origin (Storybook's dev server proxies `/api`). */
function useDevSession(name: string): { token: string; me: SessionUser } | { error: string } | undefined {
  const [session, setSession] = useState<{ token: string; me: SessionUser } | { error: string }>();
  useEffect(() => {
    let live = true;
    devToken({ serverUrl: window.location.origin, user: { name } }).then(
      ({ token, user }) => {
        if (live && token && user?.id && user.color)
          setSession({ token, me: { id: user.id, name: user.name, color: user.color } });
      },
      (error: Error) => live && setSession({ error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [name]);
  return session;
}

/**
 * Mounts a Studio panel in a live Studio room (`studio:<room>`), exactly as the workspace does: two
 * people opening the same story edit the same graph, scene, timeline and console.
 */
export function StudioFrame({
  room,
  viewer,
  children,
}: {
  room: string;
  viewer: string;
  children: ReactNode;
}) {
  const session = useDevSession(viewer);
  const token = session && 'token' in session ? session.token : '';
  const joined = useStudioRoom(token ? room : null, token);
  const me = session && 'me' in session ? session.me : undefined;
  const context = useMemo<StudioContextValue | undefined>(
    () =>
      joined && me
        ? {
            ...joined,
            me,
            noteEdit: () => undefined,
            notify: (message) => console.warn(`[studio] ${message}`),
          }
        : undefined,
    [joined, me],
  );
  if (session && 'error' in session) return <p role="alert">Studio room unavailable: {session.error}</p>;
  if (!context) return <p>Joining studio:{room}…</p>;
  return (
    <StudioContext.Provider value={context}>
      <div className="studio-workspace" style={{ width: 'min(720px, 92vw)' }}>
        {children}
      </div>
    </StudioContext.Provider>
  );
}
