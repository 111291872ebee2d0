import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { nextTabIndex } from './logic/tabs';

export interface PanelSpec {
  id: string;
  title: string;
  /** Grid area on wide screens. */
  area: string;
  badge?: ReactNode;
  render: (options: { hideTitle: boolean }) => ReactNode;
}

const NARROW = '(max-width: 760px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

/** All panels in a grid on wide screens; one panel at a time behind accessible tabs on phones. */
export function PanelLayout({ panels }: { panels: PanelSpec[] }) {
  const narrow = useNarrow();
  const [active, setActive] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  if (!narrow) {
    return (
      <div className="st-grid">
        {panels.map((p) => (
          <div key={p.id} className="st-cell" style={{ gridArea: p.area }}>
            {p.render({ hideTitle: false })}
          </div>
        ))}
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const next = nextTabIndex(e.key, active, panels.length);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  };
  const current = panels[Math.min(active, panels.length - 1)]!;
  return (
    <div className="st-tabs">
      <div className="st-tablist" role="tablist" aria-label="Studio panels" onKeyDown={onKeyDown}>
        {panels.map((p, i) => (
          <button
            key={p.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`st-tab-${p.id}`}
            aria-selected={i === active}
            aria-controls={`st-tabpanel-${p.id}`}
            tabIndex={i === active ? 0 : -1}
            className="st-tab"
            onClick={() => setActive(i)}
          >
            {p.title}
            {p.badge}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`st-tabpanel-${current.id}`}
        aria-labelledby={`st-tab-${current.id}`}
        className="st-tabpanel"
      >
        {current.render({ hideTitle: true })}
      </div>
    </div>
  );
}
