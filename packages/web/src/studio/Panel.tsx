import { type PointerEvent, type ReactNode, useContext, useId } from 'react';
import { CursorLayer, CursorsContext } from './Cursors';

export interface PanelProps {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  /** Hide the heading (tabs already name the panel on narrow screens). */
  hideTitle?: boolean;
}

/** A workspace panel: heading, content, my pointer shared as fractions of its box, others' cursors. */
export function Panel({ id, title, actions, children, hideTitle }: PanelProps) {
  const { setPointer } = useContext(CursorsContext);
  const headingId = useId();
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    setPointer({ panel: id, x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top) / box.height });
  };
  return (
    <section
      className={`st-panel st-panel-${id}`}
      data-panel={id}
      data-testid={`panel-${id}`}
      aria-labelledby={headingId}
      onPointerMove={onPointerMove}
      onPointerLeave={() => setPointer(null)}
    >
      <header className={`st-panel-header${hideTitle ? ' visually-hidden' : ''}`}>
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="st-panel-actions">{actions}</div>}
      </header>
      <div className="st-panel-body">{children}</div>
      <CursorLayer panel={id} />
    </section>
  );
}
