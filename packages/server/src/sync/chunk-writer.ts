import * as encoding from 'lib0/encoding';
import { varUintLength as vl } from './update-sizes.js';

/** Info byte of a Skip struct (Yjs `structSkipRefNumber`): "clocks not contained in this update". */
const SKIP_INFO = 10;

interface Group {
  start: number;
  /** Clock right after the last struct written. */
  next: number;
  count: number;
  body: encoding.Encoder;
}

/**
 * One v1 update being assembled: per client a run of already-encoded structs, then a delete set.
 * Tracks its exact encoded size, so the chunker can ask what adding something would cost.
 */
export class ChunkWriter {
  private readonly groups = new Map<number, Group>();
  /** Delete set entries per client, as flat [clock, len, clock, len, …]. */
  private readonly deletes = new Map<number, number[]>();
  private bytes = 2; // varUint(0) clients with structs + varUint(0) clients with deletions

  get size(): number {
    return this.bytes;
  }

  get isEmpty(): boolean {
    return this.groups.size === 0 && this.deletes.size === 0;
  }

  /** Bytes the chunk grows by when a struct of `length` clocks at `clock`, encoded as `size` bytes, is added. */
  structCost(client: number, clock: number, size: number): number {
    const group = this.groups.get(client);
    if (!group) {
      const groups = this.groups.size;
      return vl(groups + 1) - vl(groups) + vl(1) + vl(client) + vl(clock) + size;
    }
    const gap = clock - group.next;
    const added = gap > 0 ? 2 : 1;
    return vl(group.count + added) - vl(group.count) + (gap > 0 ? 1 + vl(gap) : 0) + size;
  }

  /**
   * Appends a struct (its bytes are copied). Within one update a client's structs must be consecutive
   * clocks; structs of a client arrive in clock order, and a hole (clocks this update does not carry)
   * becomes a Skip.
   */
  addStruct(client: number, clock: number, length: number, encoded: Uint8Array): void {
    this.bytes += this.structCost(client, clock, encoded.byteLength);
    let group = this.groups.get(client);
    if (!group) {
      group = { start: clock, next: clock, count: 0, body: encoding.createEncoder() };
      this.groups.set(client, group);
    }
    const gap = clock - group.next;
    if (gap > 0) {
      encoding.writeUint8(group.body, SKIP_INFO);
      encoding.writeVarUint(group.body, gap);
      group.count++;
    }
    encoding.writeUint8Array(group.body, encoded);
    group.count++;
    group.next = clock + length;
  }

  deleteCost(client: number, clock: number, len: number): number {
    const ranges = this.deletes.get(client);
    const entry = vl(clock) + vl(len);
    if (!ranges) {
      const clients = this.deletes.size;
      return vl(clients + 1) - vl(clients) + vl(client) + vl(1) + entry;
    }
    const count = ranges.length / 2;
    return vl(count + 1) - vl(count) + entry;
  }

  addDelete(client: number, clock: number, len: number): void {
    this.bytes += this.deleteCost(client, clock, len);
    const ranges = this.deletes.get(client);
    if (ranges) ranges.push(clock, len);
    else this.deletes.set(client, [clock, len]);
  }

  finish(): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, this.groups.size);
    for (const [client, group] of this.groups) {
      encoding.writeVarUint(e, group.count);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, group.start);
      for (const part of group.body.bufs) encoding.writeUint8Array(e, part);
      encoding.writeUint8Array(e, group.body.cbuf.subarray(0, group.body.cpos));
    }
    encoding.writeVarUint(e, this.deletes.size);
    for (const [client, ranges] of this.deletes) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, ranges.length / 2);
      for (const n of ranges) encoding.writeVarUint(e, n);
    }
    return encoding.toUint8Array(e);
  }
}
