import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SessionUser } from '../api';
import { CursorsContext } from './Cursors';
import { useCollabPanels } from './extraPanels';
import { usePeers, useRoomStatus } from './hooks';
import { visibleCursors } from './logic/peers';
import { Panel } from './Panel';
import { PanelLayout, type PanelSpec } from './PanelLayout';
import { ConnectionBadge, PresenceBar } from './PresenceBar';
import { BlueprintPanel } from './panels/BlueprintPanel';
import { ConsolePanel } from './panels/ConsolePanel';
import { InspectorPanel } from './panels/InspectorPanel';
import { ScenePanel } from './panels/ScenePanel';
import { ShaderPanel } from './panels/ShaderPanel';
import { TimelinePanel } from './panels/TimelinePanel';
import { ReplayPanel } from './replay/ReplayPanel';
import { StudioContext, type StudioContextValue } from './StudioContext';
import { usePresenceWriter } from './usePresenceWriter';
import type { StudioRoom } from './useStudioRoom';

const NOTICE_MS = 6_000;

/** The Studio room: presence, connection state, the panels, and replay. */
export function Workspace({ name, joined, me }: { name: string; joined: StudioRoom; me: SessionUser }) {
  const { room, studio, idleLocks } = joined;
  const status = useRoomStatus(room);
  const peers = usePeers(room);
  const { noteEdit, setPointer } = usePresenceWriter(room, me);
  const [notice, setNotice] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [graphNode, setGraphNode] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const notify = useCallback((message: string) => {
    setNotice(message);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setNotice(null), NOTICE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(
    () =>
      room.connection.events.on('rejected', ({ message }) =>
        notify(`The server refused a change (${message}); your copy was reloaded.`),
      ),
    [room, notify],
  );

  const context = useMemo<StudioContextValue>(
    () => ({ room, studio, me, idleLocks, noteEdit, notify }),
    [room, studio, me, idleLocks, noteEdit, notify],
  );
  const cursors = useMemo(() => visibleCursors(peers), [peers]);
  const cursorContext = useMemo(() => ({ shown: cursors.shown, setPointer }), [cursors.shown, setPointer]);
  const extras = useCollabPanels(room, { graphNode });

  const panels: PanelSpec[] = [
    {
      id: 'graph',
      title: 'Blueprint',
      area: 'graph',
      render: ({ hideTitle }) => (
        <Panel id="graph" title="Blueprint graph" hideTitle={hideTitle}>
          <BlueprintPanel comments={extras.comments} onNodeSelected={setGraphNode} />
        </Panel>
      ),
    },
    {
      id: 'scene',
      title: 'Scene',
      area: 'scene',
      render: ({ hideTitle }) => (
        <Panel id="scene" title="Scene" hideTitle={hideTitle}>
          <ScenePanel />
        </Panel>
      ),
    },
    {
      id: 'inspector',
      title: 'Inspector',
      area: 'inspector',
      render: ({ hideTitle }) => (
        <Panel id="inspector" title="Inspector" hideTitle={hideTitle}>
          <InspectorPanel />
        </Panel>
      ),
    },
    {
      id: 'timeline',
      title: 'Timeline',
      area: 'timeline',
      render: ({ hideTitle }) => (
        <Panel id="timeline" title="Timeline" hideTitle={hideTitle}>
          <TimelinePanel />
        </Panel>
      ),
    },
    {
      id: 'shader',
      title: 'Shader',
      area: 'shader',
      render: ({ hideTitle }) => (
        <Panel id="shader" title="Shader graph and code" hideTitle={hideTitle}>
          <ShaderPanel />
        </Panel>
      ),
    },
    {
      id: 'console',
      title: 'Console',
      area: 'console',
      render: ({ hideTitle }) => (
        <Panel id="console" title="Console" hideTitle={hideTitle}>
          <ConsolePanel />
        </Panel>
      ),
    },
    ...extras.panels,
  ];

  return (
    <StudioContext.Provider value={context}>
      <CursorsContext.Provider value={cursorContext}>
        <div className="studio-workspace" data-testid="studio-workspace" data-room={name}>
          <title>{`${name} · Studio · Ensemble`}</title>
          <header className="st-header">
            <div className="st-header-title">
              <Link to="/studio" className="st-back">
                Studio
              </Link>
              <span aria-hidden="true">/</span>
              <h1>{name}</h1>
            </div>
            <ConnectionBadge status={status} />
            <PresenceBar me={me} peers={peers} hiddenCursors={cursors.hidden} />
            <button
              type="button"
              className="button"
              aria-pressed={replaying}
              onClick={() => setReplaying((r) => !r)}
              data-testid="replay-toggle"
            >
              {replaying ? 'Back to live' : 'Replay'}
            </button>
          </header>
          <p className="st-notice" role="status" aria-live="polite" data-testid="studio-notice">
            {notice}
          </p>
          {replaying ? <ReplayPanel onClose={() => setReplaying(false)} /> : <PanelLayout panels={panels} />}
        </div>
      </CursorsContext.Provider>
    </StudioContext.Provider>
  );
}
