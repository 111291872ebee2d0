import { flattenTree, sceneTree } from '@ensemble/client/studio';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useScene, useSelection } from '../hooks';
import { useStudio } from '../StudioContext';

const KIND_ICON = { group: '▣', mesh: '◆', light: '☀', camera: '◉' } as const;

/** The scene hierarchy; choosing an object makes it everyone's selection, attributed by the server. */
export function ScenePanel() {
  const { studio, notify, noteEdit, me } = useStudio();
  const objects = useScene();
  const selection = useSelection();
  const rows = useMemo(() => flattenTree(sceneTree(objects)), [objects]);
  const [focus, setFocus] = useState(0);
  const items = useRef<(HTMLDivElement | null)[]>([]);
  const selectedId = selection?.objectId ?? null;

  const select = (id: string | null) => {
    studio.select(id).catch((error: Error) => notify(`Could not select: ${error.message}`));
  };
  const move = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocus(next);
    items.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, index: number, id: string) => {
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') select(id);
    else return;
    e.preventDefault();
  };
  const add = () => {
    try {
      const parent = selectedId && objects.some((o) => o.id === selectedId) ? selectedId : null;
      const created = studio.scene.add({ name: `Mesh ${objects.length + 1}`, kind: 'mesh', parent });
      noteEdit();
      select(created.id);
    } catch (error) {
      notify((error as Error).message);
    }
  };
  const remove = () => {
    if (!selectedId) return;
    studio.scene.remove(selectedId);
    studio.inspector.clear(selectedId);
    noteEdit();
    select(null);
  };

  return (
    <div className="st-scene">
      <div className="st-toolbar" role="toolbar" aria-label="Scene tools">
        <button type="button" className="button" onClick={add}>
          Add mesh
        </button>
        <button type="button" className="button" onClick={remove} disabled={!selectedId}>
          Delete
        </button>
      </div>
      {selection && (
        <p className="st-selection-by" data-testid="selection-by">
          {selection.objectId
            ? `Selected by ${selection.by.userId === me.id ? 'you' : selection.by.name}`
            : `Selection cleared by ${selection.by.userId === me.id ? 'you' : selection.by.name}`}
        </p>
      )}
      <div className="st-tree" role="tree" aria-label="Scene objects">
        {rows.map((o, i) => (
          <div
            key={o.id}
            ref={(el) => {
              items.current[i] = el;
            }}
            role="treeitem"
            aria-level={o.depth + 1}
            aria-selected={o.id === selectedId}
            tabIndex={i === focus ? 0 : -1}
            className={`st-tree-item${o.id === selectedId ? ' is-selected' : ''}`}
            style={{ paddingLeft: `${0.5 + o.depth * 1}rem` }}
            data-testid="scene-item"
            data-object-id={o.id}
            onClick={() => {
              setFocus(i);
              select(o.id);
            }}
            onKeyDown={(e) => onKeyDown(e, i, o.id)}
          >
            <span aria-hidden="true" className="st-tree-icon">
              {KIND_ICON[o.kind]}
            </span>
            {o.name}
            {o.id === selectedId && selection && selection.by.userId !== me.id && (
              <span className="st-tree-by">{selection.by.name}</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
