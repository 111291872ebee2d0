import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type * as Y from 'yjs';
import { newId } from './ids.js';
import type { SceneObject, SceneObjectKind, SceneTreeNode } from './shapes.js';

export const OBJECT_PREFIX = 'obj:';
const KINDS: readonly SceneObjectKind[] = ['group', 'mesh', 'light', 'camera'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function readObject(id: string, value: unknown): SceneObject | null {
  if (!isRecord(value)) return null;
  const kind = KINDS.includes(value.kind as SceneObjectKind) ? (value.kind as SceneObjectKind) : 'group';
  return {
    id,
    name: typeof value.name === 'string' ? value.name : id,
    kind,
    parent: typeof value.parent === 'string' ? value.parent : null,
    order: typeof value.order === 'number' && Number.isFinite(value.order) ? value.order : 0,
  };
}

export function readScene(map: Y.Map<unknown>): SceneObject[] {
  const objects: SceneObject[] = [];
  for (const [key, value] of map.entries()) {
    if (!key.startsWith(OBJECT_PREFIX)) continue;
    const object = readObject(key.slice(OBJECT_PREFIX.length), value);
    if (object) objects.push(object);
  }
  return objects.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Builds the hierarchy. Objects whose parent is missing (deleted concurrently) or that sit in a
 * parent cycle (two people re-parenting at once) are shown at the root rather than lost.
 */
export function sceneTree(objects: SceneObject[]): SceneTreeNode[] {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const reachesRoot = (o: SceneObject): boolean => {
    const seen = new Set<string>();
    let current: SceneObject | undefined = o;
    while (current?.parent) {
      if (seen.has(current.id)) return false;
      seen.add(current.id);
      current = byId.get(current.parent);
      if (!current) return false;
    }
    return true;
  };
  const parentOf = (o: SceneObject) => (o.parent && byId.has(o.parent) && reachesRoot(o) ? o.parent : null);
  const build = (parent: string | null, depth: number): SceneTreeNode[] =>
    objects
      .filter((o) => parentOf(o) === parent)
      .map((o) => ({ ...o, depth, children: build(o.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first order of the tree (what a tree view lists, and what arrow keys walk). */
export function flattenTree(tree: SceneTreeNode[]): SceneTreeNode[] {
  return tree.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** Scene objects in the root Y.Map `scene`, one JSON value per object under `obj:<id>`. */
export class SceneModel {
  constructor(
    private readonly docOf: () => Y.Doc,
    readonly root: string,
  ) {}

  get map(): Y.Map<unknown> {
    return this.docOf().getMap(this.root);
  }

  objects(): SceneObject[] {
    return readScene(this.map);
  }

  get(id: string): SceneObject | undefined {
    return readObject(id, this.map.get(OBJECT_PREFIX + id)) ?? undefined;
  }

  add(input: { id?: string; name: string; kind: SceneObjectKind; parent?: string | null }): SceneObject {
    const name = input.name.trim();
    if (!name) throw new EnsembleError(ErrorCode.BadRequest, 'an object needs a name');
    if (!KINDS.includes(input.kind))
      throw new EnsembleError(ErrorCode.BadRequest, `unknown kind ${input.kind}`);
    const parent = input.parent ?? null;
    if (parent !== null && !this.get(parent))
      throw new EnsembleError(ErrorCode.BadRequest, `parent ${parent} does not exist`);
    const object: SceneObject = {
      id: input.id ?? newId(),
      name,
      kind: input.kind,
      parent,
      order: this.nextOrder(parent),
    };
    this.map.set(OBJECT_PREFIX + object.id, object);
    return object;
  }

  rename(id: string, name: string): boolean {
    const object = this.get(id);
    if (!object) return false;
    const trimmed = name.trim();
    if (!trimmed) throw new EnsembleError(ErrorCode.BadRequest, 'an object needs a name');
    this.map.set(OBJECT_PREFIX + id, { ...object, name: trimmed });
    return true;
  }

  /** Moves an object under another (or to the root); refuses to put an object inside itself. */
  reparent(id: string, parent: string | null): boolean {
    const object = this.get(id);
    if (!object) return false;
    for (let p = parent; p !== null; p = this.get(p)?.parent ?? null) {
      if (p === id) throw new EnsembleError(ErrorCode.BadRequest, 'an object cannot be its own ancestor');
    }
    if (object.parent === parent) return true;
    this.map.set(OBJECT_PREFIX + id, { ...object, parent, order: this.nextOrder(parent) });
    return true;
  }

  /** Deletes an object and everything under it. */
  remove(id: string): boolean {
    if (!this.get(id)) return false;
    const all = this.objects();
    const doomed = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const o of all) {
        if (o.parent && doomed.has(o.parent) && !doomed.has(o.id)) {
          doomed.add(o.id);
          grew = true;
        }
      }
    }
    this.docOf().transact(() => {
      for (const d of doomed) this.map.delete(OBJECT_PREFIX + d);
    });
    return true;
  }

  /** After the last child of `parent`. */
  private nextOrder(parent: string | null): number {
    return this.objects()
      .filter((o) => o.parent === parent)
      .reduce((max, o) => Math.max(max, o.order + 1), 0);
  }

  /** Writes fixed-id objects when the scene is empty, so concurrent first visits agree. */
  seed(objects: SceneObject[]): boolean {
    if (this.map.size > 0) return false;
    this.docOf().transact(() => {
      for (const o of objects) this.map.set(OBJECT_PREFIX + o.id, o);
    });
    return true;
  }
}
