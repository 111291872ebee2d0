import type { GraphNode } from '@ensemble/client/studio';
import { useEffect, useId, useState } from 'react';
import type { NodeLock } from '../logic/locks';

export interface GraphToolbarProps {
  label: string;
  graphName: string;
  palette: Record<string, { title: string }>;
  selected: GraphNode[];
  lockOfSelected: NodeLock | null;
  onRenameGraph(name: string): void;
  onAdd(type: string): void;
  onRenameNode(id: string, title: string): void;
  /** Focus or typing in the title field: take the soft lock before the edit lands. */
  onStartEdit(id: string): void;
  onToggleHardLock(id: string): void;
  onDelete(ids: string[]): void;
  onLockRegion(): void;
}

/** Commit-on-Enter/blur text field that follows the shared value while not being edited. */
function CommitField({
  label,
  value,
  onCommit,
  onFocus,
  disabled,
  testId,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  onFocus?: () => void;
  disabled?: boolean;
  testId: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  const commit = () => {
    setEditing(false);
    if (draft.trim() && draft !== value) onCommit(draft);
    else setDraft(value);
  };
  return (
    <span className="st-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        value={draft}
        disabled={disabled}
        onFocus={() => {
          setEditing(true);
          onFocus?.();
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          onFocus?.();
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(value);
            setEditing(false);
          }
        }}
      />
    </span>
  );
}

export function GraphToolbar(props: GraphToolbarProps) {
  const { selected, lockOfSelected } = props;
  const [type, setType] = useState(Object.keys(props.palette)[0] ?? '');
  const paletteId = useId();
  const single = selected.length === 1 ? selected[0]! : null;
  const blocked = lockOfSelected !== null && !lockOfSelected.mine;
  const hardMine = lockOfSelected?.mine === true && lockOfSelected.kind === 'hard';
  return (
    <div className="st-toolbar" role="toolbar" aria-label={`${props.label} tools`}>
      <CommitField
        label="Graph name"
        value={props.graphName}
        onCommit={props.onRenameGraph}
        testId="graph-name"
      />
      <span className="st-field">
        <label htmlFor={paletteId}>Node</label>
        <select id={paletteId} value={type} onChange={(e) => setType(e.target.value)}>
          {Object.entries(props.palette).map(([key, def]) => (
            <option key={key} value={key}>
              {def.title}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => props.onAdd(type)}>
          Add
        </button>
      </span>
      {single && (
        <>
          <CommitField
            key={single.id}
            label="Title"
            value={single.title}
            disabled={blocked}
            onFocus={() => props.onStartEdit(single.id)}
            onCommit={(title) => props.onRenameNode(single.id, title)}
            testId="node-title-input"
          />
          <button
            type="button"
            className="button"
            aria-pressed={hardMine}
            disabled={blocked}
            onClick={() => props.onToggleHardLock(single.id)}
          >
            {hardMine ? 'Unlock' : 'Hard lock'}
          </button>
        </>
      )}
      {selected.length > 0 && (
        <>
          <button type="button" className="button" disabled={blocked} onClick={() => props.onLockRegion()}>
            Lock region
          </button>
          <button
            type="button"
            className="button"
            disabled={blocked}
            onClick={() => props.onDelete(selected.map((n) => n.id))}
          >
            Delete
          </button>
        </>
      )}
      {blocked && lockOfSelected && (
        <span className="st-toolbar-note" role="status">
          {lockOfSelected.kind === 'hard' ? 'Locked' : 'Being edited'} by {lockOfSelected.name}
        </span>
      )}
    </div>
  );
}
