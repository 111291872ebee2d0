import { INSPECTOR_FIELDS } from '@ensemble/client/studio';
import { useEffect, useId, useState } from 'react';
import { useInspector, useScene, useSelection } from '../hooks';
import { useStudio } from '../StudioContext';

/** A field that shows the shared value unless I am typing in it; valid input is written at once. */
function Field({
  label,
  value,
  type,
  step,
  min,
  max,
  testId,
  onValue,
}: {
  label: string;
  value: string;
  type: 'number' | 'color' | 'text';
  step?: number;
  min?: number;
  max?: number;
  testId: string;
  onValue: (raw: string) => boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  return (
    <span className="st-prop">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        step={step}
        min={min}
        max={max}
        value={draft}
        aria-invalid={invalid}
        data-testid={testId}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          setInvalid(false);
          setDraft(value);
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          setInvalid(!onValue(e.target.value));
        }}
      />
    </span>
  );
}

const GROUPS = [
  { title: 'Position', fields: ['position.x', 'position.y', 'position.z'] },
  { title: 'Rotation (°)', fields: ['rotation.x', 'rotation.y', 'rotation.z'] },
  { title: 'Scale', fields: ['scale.x', 'scale.y', 'scale.z'] },
];

/** Transform and material of the shared selection; each field syncs on its own. */
export function InspectorPanel() {
  const { studio, noteEdit } = useStudio();
  const selection = useSelection();
  const objects = useScene();
  const objectId = selection?.objectId ?? '';
  const object = objects.find((o) => o.id === objectId);
  const values = useInspector(objectId);
  if (!object) return <p className="muted">Select an object in the scene to inspect it.</p>;

  const write = (field: string, value: unknown): boolean => {
    try {
      studio.inspector.set(object.id, field, value);
      noteEdit();
      return true;
    } catch {
      return false;
    }
  };
  const numberWrite = (field: string) => (raw: string) => raw.trim() !== '' && write(field, Number(raw));
  const get = (field: string): string => {
    const [group, key] = field.split('.') as [keyof typeof values, string];
    return String((values[group] as Record<string, number | string>)[key]);
  };

  return (
    <form
      className="st-inspector"
      aria-label={`Properties of ${object.name}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <Field
        label="Name"
        type="text"
        value={object.name}
        testId="inspector-name"
        onValue={(raw) => {
          if (!raw.trim()) return false;
          studio.scene.rename(object.id, raw);
          noteEdit();
          return true;
        }}
      />
      {GROUPS.map((g) => (
        <fieldset key={g.title} className="st-props">
          <legend>{g.title}</legend>
          {g.fields.map((f) => (
            <Field
              key={f}
              label={f.split('.')[1]!.toUpperCase()}
              type="number"
              step={0.1}
              value={get(f)}
              testId={`field-${f}`}
              onValue={numberWrite(f)}
            />
          ))}
        </fieldset>
      ))}
      <fieldset className="st-props">
        <legend>Material</legend>
        <Field
          label="Color"
          type="color"
          value={values.material.color}
          testId="field-material.color"
          onValue={(raw) => write('material.color', raw)}
        />
        {(['roughness', 'metalness', 'opacity'] as const).map((k) => {
          const spec = INSPECTOR_FIELDS[`material.${k}`];
          return (
            <Field
              key={k}
              label={k}
              type="number"
              step={0.05}
              min={spec?.kind === 'number' ? spec.min : undefined}
              max={spec?.kind === 'number' ? spec.max : undefined}
              value={String(values.material[k])}
              testId={`field-material.${k}`}
              onValue={numberWrite(`material.${k}`)}
            />
          );
        })}
      </fieldset>
    </form>
  );
}
