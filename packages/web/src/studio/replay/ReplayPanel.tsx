import type { Replay } from '@ensemble/client';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useKnownNames } from '../hooks';
import { authorName, indexOfSeq, type LogEntry, SPEEDS, type Speed, summarize } from '../logic/history';
import { useStudio } from '../StudioContext';
import { PastView } from './PastView';

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * Time travel: a slider over the room's update log shows the room as it was (read-only), play
 * streams the history at 1×/4×/16× of its original pace, restore makes a past state current again
 * (as a new edit), export downloads the log as JSON.
 */
export function ReplayPanel({ onClose }: { onClose: () => void }) {
  const { room, me, notify } = useStudio();
  const names = useKnownNames(room, me);
  const sliderId = useId();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [index, setIndex] = useState(-1);
  const [past, setPast] = useState<Y.Doc | null>(null);
  const [playing, setPlaying] = useState<Speed | null>(null);
  const replay = useRef<Replay | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { updates } = await room.history.export();
    const list = updates.map(({ seq, at, author, bytes }) => ({ seq, at, author, bytes }));
    setEntries(list);
    return list;
  }, [room]);

  useEffect(() => {
    load()
      .then((list) => setIndex(list.length - 1))
      .catch((e: Error) => notify(`History: ${e.message}`));
    return () => replay.current?.stop();
  }, [load, notify]);

  // Reconstruct the chosen point (debounced while the slider moves), unless a replay is streaming.
  useEffect(() => {
    if (playing !== null || index < 0 || !entries[index]) return;
    const seq = entries[index].seq;
    let cancelled = false;
    const timer = setTimeout(() => {
      room.history
        .at({ seq })
        .then(({ doc }) => {
          if (!cancelled) setPast(doc);
        })
        .catch((e: Error) => notify(`History: ${e.message}`));
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [index, entries, playing, room, notify]);

  const stop = () => {
    replay.current?.stop();
    replay.current = null;
    setPlaying(null);
  };

  const play = async (speed: Speed) => {
    stop();
    const start = index >= entries.length - 1 ? 0 : Math.max(0, index);
    const from = entries[start];
    if (!from) return;
    setPlaying(speed);
    setIndex(start);
    const off = room.connection.events.on('service', (event) => {
      if (event.service !== 'history' || event.name !== 'replay') return;
      const body = event.body as { replayId: string; seq: number };
      if (replay.current && body.replayId === replay.current.replayId) {
        setIndex((i) => Math.max(i, indexOfSeq(entries, body.seq)));
      }
    });
    try {
      const r = await room.history.replay({ from: { seq: from.seq }, speed });
      replay.current = r;
      setPast(r.doc);
      await r.done;
    } catch (e) {
      notify(`Replay: ${(e as Error).message}`);
    } finally {
      off();
      if (replay.current) setPlaying(null);
      replay.current = null;
    }
  };

  const restore = async () => {
    const entry = entries[index];
    if (!entry) return;
    setBusy(true);
    try {
      const { changed } = await room.history.restore({ seq: entry.seq });
      notify(
        changed
          ? `Restored the room to #${index + 1}`
          : 'Nothing to restore: the room already looks like that',
      );
      onClose();
    } catch (e) {
      notify(`Restore failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const exportHistory = async () => {
    try {
      download(`${room.name.replace(/[^\w-]+/g, '_')}-history.json`, await room.history.export());
    } catch (e) {
      notify(`Export failed: ${(e as Error).message}`);
    }
  };

  const current = entries[index];
  const recent = summarize(entries.slice(0, index + 1)).slice(0, 6);
  return (
    <div className="st-replay" data-testid="replay">
      <div className="st-toolbar" role="toolbar" aria-label="Replay controls">
        <label htmlFor={sliderId}>History</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={Math.max(0, entries.length - 1)}
          step={1}
          value={Math.max(0, index)}
          disabled={entries.length === 0 || playing !== null}
          data-testid="history-slider"
          aria-valuetext={
            current
              ? `change ${index + 1} of ${entries.length}, ${new Date(current.at).toLocaleString()}`
              : 'no history'
          }
          onChange={(e) => setIndex(Number(e.target.value))}
        />
        <span className="mono" data-testid="history-position">
          {entries.length ? `${index + 1} / ${entries.length}` : '0 / 0'}
        </span>
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            className="button"
            aria-pressed={playing === s}
            disabled={entries.length === 0}
            onClick={() => void play(s)}
          >
            ▶ {s}×
          </button>
        ))}
        {playing !== null && (
          <button type="button" className="button" onClick={stop}>
            Stop
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={!current || busy || playing !== null}
          onClick={() => void restore()}
        >
          Restore this version
        </button>
        <button type="button" className="button" onClick={() => void exportHistory()}>
          Export JSON
        </button>
        <button type="button" className="button button-ghost" onClick={onClose}>
          Back to live
        </button>
      </div>
      {current && (
        <p className="muted" data-testid="history-at">
          {new Date(current.at).toLocaleString()} · {authorName(current.author, names)}
        </p>
      )}
      <div className="st-replay-body">
        {past ? <PastView doc={past} /> : <p className="muted">Loading history…</p>}
        <aside className="st-replay-who" aria-label="Who did what">
          <h3>Who did what</h3>
          <ol>
            {recent.map((g) => (
              <li key={`${g.from}-${g.to}`}>
                <strong>{authorName(g.author, names)}</strong> · {g.count} change{g.count === 1 ? '' : 's'}
                <span className="muted"> · {new Date(g.at).toLocaleTimeString()}</span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}
