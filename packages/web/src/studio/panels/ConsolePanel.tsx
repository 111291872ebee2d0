import { LOG_LEVELS, type LogLevel } from '@ensemble/client/studio';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useConsoleLines } from '../hooks';
import { countByLevel, filterLines, type LevelFilter } from '../logic/consoleFilter';
import { useStudio } from '../StudioContext';

/** The shared console: lines stamped by the server with who wrote them; filter and clear. */
export function ConsolePanel() {
  const { studio, notify, me } = useStudio();
  const lines = useConsoleLines();
  const [level, setLevel] = useState<LevelFilter>('all');
  const [query, setQuery] = useState('');
  const [text, setText] = useState('');
  const [writeLevel, setWriteLevel] = useState<LogLevel>('log');
  const ids = { level: useId(), query: useId(), text: useId(), writeLevel: useId() };
  const shown = useMemo(() => filterLines(lines, level, query), [lines, level, query]);
  const counts = useMemo(() => countByLevel(lines), [lines]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    studio
      .log(writeLevel, text.trim())
      .then(() => setText(''))
      .catch((error: Error) => notify(`Console: ${error.message}`));
  };
  return (
    <div className="st-console">
      <div className="st-toolbar" role="toolbar" aria-label="Console filters">
        <span className="st-field">
          <label htmlFor={ids.level}>Level</label>
          <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as LevelFilter)}>
            <option value="all">All ({lines.length})</option>
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} ({counts[l]})
              </option>
            ))}
          </select>
        </span>
        <span className="st-field">
          <label htmlFor={ids.query}>Filter</label>
          <input id={ids.query} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </span>
        <button
          type="button"
          className="button"
          disabled={lines.length === 0}
          onClick={() => studio.clearConsole().catch((error: Error) => notify(`Console: ${error.message}`))}
        >
          Clear
        </button>
      </div>
      <ol
        className="st-log"
        role="log"
        aria-live="polite"
        aria-label="Console output"
        data-testid="console-lines"
      >
        {shown.map((line) => (
          <li key={line.id} className={`st-line st-line-${line.level}`} data-testid="console-line">
            <span className="st-line-level">{line.level}</span>
            <span className="st-line-text">{line.text}</span>
            <span className="st-line-by muted">
              {line.by.userId === me.id ? 'you' : line.by.name} · {new Date(line.at).toLocaleTimeString()}
            </span>
          </li>
        ))}
        {shown.length === 0 && (
          <li className="muted">{lines.length ? 'No line matches the filter.' : 'Nothing logged yet.'}</li>
        )}
      </ol>
      <form className="st-console-input" onSubmit={submit} aria-label="Write to the console">
        <label htmlFor={ids.writeLevel} className="visually-hidden">
          Level of the new line
        </label>
        <select
          id={ids.writeLevel}
          value={writeLevel}
          onChange={(e) => setWriteLevel(e.target.value as LogLevel)}
        >
          {LOG_LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <label htmlFor={ids.text} className="visually-hidden">
          Console message
        </label>
        <input
          id={ids.text}
          value={text}
          placeholder="Log a message…"
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
        />
        <button type="submit" className="button">
          Log
        </button>
      </form>
    </div>
  );
}
