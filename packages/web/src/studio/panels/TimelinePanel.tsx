import { useEffect, useId, useRef, useState } from 'react';
import { useTimeline } from '../hooks';
import { formatTime, playheadAt, TIMELINE_SECONDS } from '../logic/playhead';
import { useStudio } from '../StudioContext';

/** Animates the playhead locally while the shared timeline plays (no network traffic per frame). */
function usePlayhead(): number {
  const state = useTimeline();
  const seenAt = useRef(performance.now());
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    seenAt.current = performance.now();
    setNow(seenAt.current);
    if (!state.playing) return;
    let frame = requestAnimationFrame(function tick(t) {
      setNow(t);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [state]);
  return playheadAt(state, seenAt.current, now);
}

/** A shared scrubber: scrubs stream at ≤ 20 Hz through the server, which records who scrubbed. */
export function TimelinePanel() {
  const { studio, me, notify, noteEdit } = useStudio();
  const state = useTimeline();
  const playhead = usePlayhead();
  const [scrubbing, setScrubbing] = useState<number | null>(null);
  const id = useId();
  useEffect(() => studio.events.on('error', (e) => notify(`Timeline: ${e.message}`)), [studio, notify]);

  const shown = scrubbing ?? playhead;
  const toggle = () => {
    studio.setPlaying(!state.playing, Number(shown.toFixed(2))).catch((e: Error) => notify(e.message));
    noteEdit();
  };
  const commit = () => {
    if (scrubbing === null) return;
    studio.flushScrub();
    setScrubbing(null);
  };
  return (
    <div className="st-timeline">
      <button
        type="button"
        className="button"
        onClick={toggle}
        aria-pressed={state.playing}
        data-testid="play-toggle"
      >
        {state.playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <label htmlFor={id} className="visually-hidden">
        Playhead
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={TIMELINE_SECONDS}
        step={0.01}
        value={shown}
        data-testid="timeline-scrubber"
        aria-valuetext={formatTime(shown)}
        onChange={(e) => {
          const t = Number(e.target.value);
          setScrubbing(t);
          studio.scrub(t);
          noteEdit();
        }}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output className="st-time mono" data-testid="timeline-time" htmlFor={id}>
        {formatTime(shown)}
      </output>
      <span className="st-timeline-by muted" data-testid="timeline-by">
        {state.by
          ? `${state.playing ? 'Played' : 'Scrubbed'} by ${state.by.userId === me.id ? 'you' : state.by.name}`
          : 'Not moved yet'}
      </span>
    </div>
  );
}
