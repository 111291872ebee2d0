import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { ChunkWriter } from './chunk-writer.js';
import { fitElements, fitString, minStringUnits } from './update-sizes.js';

/**
 * Splits a Yjs v1 update into v1 updates of at most `budget` bytes each; applying them in order gives
 * exactly the document that applying `update` gives (SPEC 3.7).
 *
 * - Structs are cut inside an item when needed (one 10 MB paste is a single item), never between
 *   the two halves of a UTF-16 surrogate pair and never inside an element of an array or map value.
 * - Structs go out in dependency order (an item after the items it was inserted next to, and after
 *   its parent), so a receiver integrates every chunk at once instead of parking it as pending.
 * - The delete set follows the structs it deletes, split across chunks like them.
 * - The only chunk that can exceed the budget is one holding a single indivisible piece: an
 *   unsplittable content (binary, embed, format, type, subdocument), one array element or map value,
 *   one character, or an item whose own header (e.g. a very long map key) is over the budget.
 *
 * An update that already fits is returned as is, without being decoded.
 */
export function chunkUpdate(update: Uint8Array, budget: number): Uint8Array[] {
  if (update.byteLength <= budget) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const chunker = new Chunker(Math.max(budget, MIN_CHUNK_BYTES));
  chunker.writeStructs(lanesOf(structs));
  chunker.writeDeletes(ds);
  return chunker.finish();
}

/** A smaller budget could not hold one delete-set entry of a large clock; it is raised to this. */
export const MIN_CHUNK_BYTES = 64;

type Struct = Y.Item | Y.GC;

/** One client's structs of the update, in clock order, and how far they have been written. */
interface Lane {
  readonly client: number;
  readonly structs: Struct[];
  /** Clock range of this client that the update carries (it may have holes). */
  readonly start: number;
  readonly end: number;
  index: number;
  /** Clocks of `structs[index]` already written. */
  offset: number;
}

function lanesOf(structs: (Y.Item | Y.GC | Y.Skip)[]): Map<number, Lane> {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    // A Skip only marks clocks the update lacks; the chunk writer recreates holes as Skips.
    if (struct instanceof Y.Skip) continue;
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const lanes = new Map<number, Lane>();
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    const last = list.at(-1)!;
    lanes.set(client, {
      client,
      structs: list,
      start: list[0]!.id.clock,
      end: last.id.clock + last.length,
      index: 0,
      offset: 0,
    });
  }
  return lanes;
}

/** Clock up to which `lane` has been written (into the current or an earlier chunk). */
function written(lane: Lane): number {
  const struct = lane.structs[lane.index];
  return struct ? struct.id.clock + lane.offset : lane.end;
}

function splittable(content: Y.Item['content']): content is Y.ContentString | Y.ContentAny | Y.ContentJSON {
  return (
    content instanceof Y.ContentString || content instanceof Y.ContentAny || content instanceof Y.ContentJSON
  );
}

/** The IDs a piece of `struct` starting at `offset` needs the receiver to have integrated first. */
function dependencies(struct: Struct, offset: number): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const ids: Y.ID[] = [];
  // A piece after the first has its own previous clock as origin and takes its parent from it.
  if (offset === 0 && struct.origin) ids.push(struct.origin);
  if (struct.rightOrigin) ids.push(struct.rightOrigin);
  if (offset === 0 && struct.parent instanceof Y.ID) ids.push(struct.parent);
  return ids;
}

/** Clocks [offset, offset + units) of `struct` as a struct of their own (what Yjs' sliceStruct does). */
function pieceOf(struct: Struct, offset: number, units: number): Struct {
  const { client, clock } = struct.id;
  const id = Y.createID(client, clock + offset);
  if (struct instanceof Y.GC) return new Y.GC(id, units);
  const origin = offset > 0 ? Y.createID(client, clock + offset - 1) : struct.origin;
  const content = struct.content;
  let part: Y.Item['content'];
  if (content instanceof Y.ContentString)
    part = new Y.ContentString(content.str.slice(offset, offset + units));
  else if (content instanceof Y.ContentAny)
    part = new Y.ContentAny(content.arr.slice(offset, offset + units));
  else if (content instanceof Y.ContentJSON)
    part = new Y.ContentJSON(content.arr.slice(offset, offset + units));
  else if (content instanceof Y.ContentDeleted) part = new Y.ContentDeleted(units);
  else throw new Error(`content ${content.constructor.name} cannot be split`);
  return new Y.Item(id, null, origin, null, struct.rightOrigin, struct.parent, struct.parentSub, part);
}

/**
 * One encoder reused for every struct of a split: allocating an encoder per struct made the garbage
 * collector the main cost for documents of many small items.
 */
class Scratch {
  private readonly encoder = new Y.UpdateEncoderV1();

  /** Encodes a piece of `struct`; the bytes are valid until the next call. */
  piece(struct: Struct, offset: number, units: number): Uint8Array {
    this.reset();
    // A tail piece is what Yjs itself writes for a state vector that ends inside the struct.
    if (offset + units === struct.length) struct.write(this.encoder, offset);
    else pieceOf(struct, offset, units).write(this.encoder, 0);
    return this.bytes();
  }

  /** Bytes of an item piece's info, origins and parent: its encoding minus the content. */
  headerSize(item: Y.Item, offset: number): number {
    const { client, clock } = item.id;
    const origin = offset > 0 ? Y.createID(client, clock + offset - 1) : item.origin;
    const empty = new Y.ContentDeleted(0); // encodes as one byte, varUint(0)
    const probe = new Y.Item(
      item.id,
      null,
      origin,
      null,
      item.rightOrigin,
      item.parent,
      item.parentSub,
      empty,
    );
    this.reset();
    probe.write(this.encoder, 0);
    return encoding.length(this.encoder.restEncoder) - 1;
  }

  private reset(): void {
    const e = this.encoder.restEncoder;
    e.cpos = 0;
    e.bufs = [];
  }

  private bytes(): Uint8Array {
    const e = this.encoder.restEncoder;
    return e.bufs.length === 0 ? e.cbuf.subarray(0, e.cpos) : encoding.toUint8Array(e);
  }
}

class Chunker {
  private readonly chunks: Uint8Array[] = [];
  private current = new ChunkWriter();
  private readonly scratch = new Scratch();
  private readonly measure = encoding.createEncoder();

  constructor(private readonly budget: number) {}

  /**
   * Writes every lane, taking a detour to another client whenever the next piece depends on clocks
   * of it not yet written — the same stack walk Yjs uses to integrate an update.
   */
  writeStructs(lanes: Map<number, Lane>): void {
    const stack: { lane: Lane; until: number }[] = [];
    const onStack = new Set<number>();
    const blocker = (lane: Lane): { lane: Lane; until: number } | null => {
      for (const id of dependencies(lane.structs[lane.index]!, lane.offset)) {
        const other = lanes.get(id.client);
        // Outside this update, or a cycle (which valid updates do not have): nothing to wait for.
        if (!other || other === lane || onStack.has(id.client)) continue;
        if (id.clock < other.start || id.clock >= other.end || id.clock < written(other)) continue;
        return { lane: other, until: id.clock + 1 };
      }
      return null;
    };
    for (const root of lanes.values()) {
      stack.push({ lane: root, until: Number.POSITIVE_INFINITY });
      onStack.add(root.client);
      while (stack.length > 0) {
        const top = stack.at(-1)!;
        if (written(top.lane) >= top.until || top.lane.index >= top.lane.structs.length) {
          stack.pop();
          onStack.delete(top.lane.client);
          continue;
        }
        const next = blocker(top.lane);
        if (next) {
          stack.push(next);
          onStack.add(next.lane.client);
          continue;
        }
        this.writePiece(top.lane);
      }
    }
  }

  writeDeletes(ds: ReturnType<typeof Y.decodeUpdate>['ds']): void {
    // Same client order as Yjs' writeDeleteSet, so the output is deterministic.
    for (const client of [...ds.clients.keys()].sort((a, b) => b - a)) {
      for (const { clock, len } of ds.clients.get(client)!) {
        if (this.current.size + this.current.deleteCost(client, clock, len) > this.budget) this.flush();
        this.current.addDelete(client, clock, len);
      }
    }
  }

  finish(): Uint8Array[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.current.isEmpty) return;
    this.chunks.push(this.current.finish());
    this.current = new ChunkWriter();
  }

  /** Writes as much of the lane's next struct as fits; starts a new chunk when nothing does. */
  private writePiece(lane: Lane): void {
    const struct = lane.structs[lane.index]!;
    const clock = struct.id.clock + lane.offset;
    let units = struct.length - lane.offset;
    if (struct instanceof Y.Item && units > 1 && splittable(struct.content)) {
      units = this.unitsThatFit(lane.client, struct, struct.content, lane.offset);
    }
    const encoded = this.scratch.piece(struct, lane.offset, units);
    const cost = this.current.structCost(lane.client, clock, encoded.byteLength);
    if (this.current.size + cost > this.budget) this.flush();
    this.current.addStruct(lane.client, clock, units, encoded);
    lane.offset += units;
    if (lane.offset < struct.length) return;
    lane.index++;
    lane.offset = 0;
    // Overlapping structs (not produced by Yjs, but cheap to survive): skip clocks already written.
    const end = clock + units;
    while (lane.index < lane.structs.length) {
      const following = lane.structs[lane.index]!;
      if (following.id.clock >= end) break;
      if (following.id.clock + following.length > end) {
        lane.offset = end - following.id.clock;
        break;
      }
      lane.index++;
    }
  }

  private unitsThatFit(
    client: number,
    item: Y.Item,
    content: Y.ContentString | Y.ContentAny | Y.ContentJSON,
    offset: number,
  ): number {
    const clock = item.id.clock + offset;
    const header = this.scratch.headerSize(item, offset);
    const fit = () => {
      const room = this.budget - this.current.size - this.current.structCost(client, clock, header);
      return content instanceof Y.ContentString
        ? fitString(content.str, offset, room)
        : fitElements(content, offset, room, this.measure);
    };
    let units = fit();
    if (units === 0 && !this.current.isEmpty) {
      this.flush();
      units = fit();
    }
    if (units > 0) return units;
    // Not even one character or element fits in an empty chunk: it goes alone, over the budget.
    return content instanceof Y.ContentString ? minStringUnits(content.str, offset) : 1;
  }
}
