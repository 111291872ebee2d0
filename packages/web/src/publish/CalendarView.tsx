import { useMemo, useState } from 'react';
import { addDays, addMonths, byDay, type CalendarMode, calendarWeeks } from './calendar';
import type { Post } from './publishApi';
import { usePosts } from './usePosts';
import { browserTimeZone, instantToZoned } from './zonedTime';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Where a post sits: when it went out, else when it is meant to. */
const instantOf = (p: Post) => p.publishedAt ?? p.scheduledAt;

/** A week or month grid of posts in the viewer's time zone; click a post to open it. */
export function CalendarView({ onOpen }: { onOpen: (id: string) => void }) {
  const zone = useMemo(browserTimeZone, []);
  const [mode, setMode] = useState<CalendarMode>('month');
  const [anchor, setAnchor] = useState(() => instantToZoned(Date.now(), zone).slice(0, 10));
  const { data } = usePosts();
  const weeks = calendarWeeks(anchor, mode);
  const days = useMemo(() => byDay(data?.posts ?? [], instantOf, zone), [data, zone]);
  const today = instantToZoned(Date.now(), zone).slice(0, 10);
  const month = anchor.slice(0, 7);
  const move = (step: number) =>
    setAnchor(mode === 'week' ? addDays(anchor, 7 * step) : addMonths(anchor, step));
  const title = new Intl.DateTimeFormat(undefined, {
    month: 'long',
    year: 'numeric',
    ...(mode === 'week' ? { day: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${mode === 'week' ? weeks[0]![0] : `${month}-01`}T00:00:00Z`));

  return (
    <section className="card" aria-label="Calendar" data-testid="calendar">
      <div className="pub-calendar-bar">
        <button type="button" className="button" onClick={() => move(-1)} aria-label="Previous">
          ‹
        </button>
        <button type="button" className="button" onClick={() => setAnchor(today)}>
          Today
        </button>
        <button type="button" className="button" onClick={() => move(1)} aria-label="Next">
          ›
        </button>
        <h2 className="pub-calendar-title">{mode === 'week' ? `Week of ${title}` : title}</h2>
        <fieldset className="pub-filters">
          <legend className="visually-hidden">Calendar view</legend>
          {(['week', 'month'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={`pub-chip${mode === m ? ' pub-chip-on' : ''}`}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {m === 'week' ? 'Week' : 'Month'}
            </button>
          ))}
        </fieldset>
      </div>
      <div className={`pub-calendar pub-calendar-${mode}`}>
        {WEEKDAYS.map((d) => (
          <div key={d} className="pub-calendar-head">
            {d}
          </div>
        ))}
        {weeks.flat().map((day) => (
          <div
            key={day}
            className={`pub-calendar-day${day.slice(0, 7) !== month && mode === 'month' ? ' pub-outside' : ''}${day === today ? ' pub-today' : ''}`}
          >
            <div className="pub-calendar-date">{Number(day.slice(8))}</div>
            {(days.get(day) ?? []).map((post) => (
              <button
                key={post.id}
                type="button"
                className={`pub-calendar-post pub-status-${post.status}`}
                title={post.content}
                onClick={() => onOpen(post.id)}
              >
                {instantToZoned(instantOf(post)!, zone).slice(11)} {post.content || '(media)'}
              </button>
            ))}
          </div>
        ))}
      </div>
      <p className="muted pub-small">Times shown in {zone}.</p>
    </section>
  );
}
