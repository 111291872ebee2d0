import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type * as Y from 'yjs';

type Axis = 'x' | 'y' | 'z';
type Vector = Record<Axis, number>;

export interface InspectorValues {
  position: Vector;
  /** Degrees. */
  rotation: Vector;
  scale: Vector;
  material: { color: string; roughness: number; metalness: number; opacity: number };
}

type NumberField = { kind: 'number'; default: number; min?: number; max?: number };
type ColorField = { kind: 'color'; default: string };
export type FieldSpec = NumberField | ColorField;

const vector = (group: string, fallback: number): [string, NumberField][] =>
  (['x', 'y', 'z'] as const).map((axis) => [`${group}.${axis}`, { kind: 'number', default: fallback }]);

/** Every inspector field, its type, default and range. One Y.Map entry per field and object. */
export const INSPECTOR_FIELDS: Readonly<Record<string, FieldSpec>> = Object.fromEntries([
  ...vector('position', 0),
  ...vector('rotation', 0),
  ...vector('scale', 1),
  ['material.color', { kind: 'color', default: '#8899aa' }],
  ['material.roughness', { kind: 'number', default: 0.5, min: 0, max: 1 }],
  ['material.metalness', { kind: 'number', default: 0, min: 0, max: 1 }],
  ['material.opacity', { kind: 'number', default: 1, min: 0, max: 1 }],
]);

export type InspectorField = keyof typeof INSPECTOR_FIELDS & string;

/** The map key of one field of one object: `cube/position.x`. */
export function fieldKey(objectId: string, field: string): string {
  return `${objectId}/${field}`;
}

/** Checks a value against its field; returns the value to store or throws a BadRequest error. */
export function validateField(field: string, value: unknown): number | string {
  const spec = INSPECTOR_FIELDS[field];
  if (!spec) throw new EnsembleError(ErrorCode.BadRequest, `unknown inspector field ${field}`);
  if (spec.kind === 'color') {
    if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value)) {
      throw new EnsembleError(ErrorCode.BadRequest, `${field} must be a #rrggbb colour`);
    }
    return value.toLowerCase();
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EnsembleError(ErrorCode.BadRequest, `${field} must be a finite number`);
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new EnsembleError(ErrorCode.BadRequest, `${field} must be between ${spec.min} and ${spec.max}`);
  }
  return value;
}

function storedOrDefault(map: Y.Map<unknown>, objectId: string, field: string): number | string {
  const spec = INSPECTOR_FIELDS[field]!;
  const stored = map.get(fieldKey(objectId, field));
  try {
    return validateField(field, stored);
  } catch {
    return spec.default;
  }
}

/** An object's inspector values with defaults for fields nobody set (or set to something invalid). */
export function readInspector(map: Y.Map<unknown>, objectId: string): InspectorValues {
  const n = (field: string) => storedOrDefault(map, objectId, field) as number;
  const v = (group: string): Vector => ({ x: n(`${group}.x`), y: n(`${group}.y`), z: n(`${group}.z`) });
  return {
    position: v('position'),
    rotation: v('rotation'),
    scale: v('scale'),
    material: {
      color: storedOrDefault(map, objectId, 'material.color') as string,
      roughness: n('material.roughness'),
      metalness: n('material.metalness'),
      opacity: n('material.opacity'),
    },
  };
}

/**
 * Inspector properties in the root Y.Map `inspector`, flat: one entry per object and field, so two
 * people changing position.x and material.color of the same object at once both keep their edit
 * (and there is no nested map whose concurrent creation could drop one of them).
 */
export class InspectorModel {
  constructor(
    private readonly docOf: () => Y.Doc,
    readonly root: string,
  ) {}

  get map(): Y.Map<unknown> {
    return this.docOf().getMap(this.root);
  }

  values(objectId: string): InspectorValues {
    return readInspector(this.map, objectId);
  }

  set(objectId: string, field: string, value: unknown): void {
    if (!objectId) throw new EnsembleError(ErrorCode.BadRequest, 'no object selected');
    this.map.set(fieldKey(objectId, field), validateField(field, value));
  }

  /** Forgets every field of an object (after it was deleted). */
  clear(objectId: string): void {
    this.docOf().transact(() => {
      for (const key of [...this.map.keys()]) if (key.startsWith(`${objectId}/`)) this.map.delete(key);
    });
  }
}
