/**
 * SPEC 3.7: splitting an update into chunks of at most a byte budget. Seeded (FC_SEED overrides; the
 * seed is printed) so any failure replays exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { chunkUpdate, MIN_CHUNK_BYTES } from './chunk-update.js';

const SEED = Number(process.env.FC_SEED ?? 20_240_806);

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('😀', '👍🏽', '𝄞', 'é', '中文', 'a😀b', '🏳️‍🌈'),
  // Long runs, so single items are cut in the middle (and at surrogate pairs) by small budgets.
  fc
    .tuple(fc.constantFrom('ab', 'é😀', '😀', 'x中'), fc.integer({ min: 50, max: 400 }))
    .map(([s, n]) => s.repeat(n)),
);
const jsonArb = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string({ maxLength: 6 })), {
    maxKeys: 3,
    noNullPrototype: true,
  }),
);
const client = fc.nat(2);
const pos = fc.nat(5_000);
const key = fc.constantFrom('a', 'b', 'c', 'a-much-longer-map-key-that-costs-bytes');

const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('text-insert' as const), client, pos, text: textArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('text-delete' as const), client, pos, len: fc.nat(60) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('text-format' as const), client, pos, len: fc.nat(20) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('embed' as const), client, pos }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('map-set' as const),
      client,
      key,
      value: fc.oneof(
        jsonArb.map((json) => ({ json })),
        fc.constantFrom('binary', 'big-binary', 'array', 'map', 'text', 'subdoc'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('map-delete' as const), client, key }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('array-insert' as const),
      client,
      pos,
      values: fc.array(jsonArb, { minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('array-delete' as const), client, pos, len: fc.nat(10) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('nested' as const), client, key, pos, text: textArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('xml' as const), client, text: textArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: client, to: client }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'checkpoint' as const }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface Scenario {
  /** The receiver's document before the update (a checkpoint of the merged state). */
  base: Uint8Array[];
  update: Uint8Array;
  /** Every edit as its author made it, in order. */
  edits: Uint8Array[];
}

const SYNC = Symbol('sync');

/** Plays `ops` on three editing clients and returns the diff a receiver at the last checkpoint lacks. */
function play(ops: Op[], gc: boolean): Scenario {
  const docs = [0, 1, 2].map((i) => {
    const doc = new Y.Doc({ gc });
    doc.clientID = 101 + i * 1_000_003; // fixed ids: the seed alone replays a run
    return doc;
  });
  const history: Uint8Array[] = [];
  const edits: Uint8Array[] = [];
  for (const doc of docs) {
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== SYNC) edits.push(u);
    });
  }
  let base: Uint8Array[] = [];
  const sync = (from: Y.Doc, to: Y.Doc) =>
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), SYNC);
  for (const op of ops) {
    if (op.kind === 'sync') {
      sync(docs[op.from]!, docs[op.to]!);
      continue;
    }
    if (op.kind === 'checkpoint') {
      for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
      history.push(Y.encodeStateAsUpdate(docs[0]!));
      base = [...history];
      continue;
    }
    const doc = docs[op.client]!;
    const text = doc.getText('t');
    const map = doc.getMap<unknown>('m');
    const array = doc.getArray<unknown>('a');
    switch (op.kind) {
      case 'text-insert':
        text.insert(op.pos % (text.length + 1), op.text);
        break;
      case 'text-delete': {
        const at = op.pos % (text.length + 1);
        text.delete(at, Math.min(op.len, text.length - at));
        break;
      }
      case 'text-format': {
        const at = op.pos % (text.length + 1);
        text.format(at, Math.min(op.len, text.length - at), { bold: true });
        break;
      }
      case 'embed':
        text.insertEmbed(op.pos % (text.length + 1), { image: 'x.png' });
        break;
      case 'map-set': {
        const v = op.value;
        if (typeof v === 'object') map.set(op.key, v.json);
        else if (v === 'binary') map.set(op.key, new Uint8Array([1, 2, 3]));
        else if (v === 'big-binary') map.set(op.key, new Uint8Array(3_000).fill(7));
        else if (v === 'array') map.set(op.key, Y.Array.from([1, 'two', { three: 3 }]));
        else if (v === 'map') map.set(op.key, new Y.Map([['inner', 'value']]));
        else if (v === 'text') map.set(op.key, new Y.Text('nested 😀 text'));
        else map.set(op.key, new Y.Doc({ guid: `sub-${op.key}-${op.client}` }));
        break;
      }
      case 'map-delete':
        map.delete(op.key);
        break;
      case 'array-insert':
        array.insert(op.pos % (array.length + 1), op.values);
        break;
      case 'array-delete': {
        const at = op.pos % (array.length + 1);
        array.delete(at, Math.min(op.len, array.length - at));
        break;
      }
      case 'nested': {
        const inner = map.get(op.key);
        if (inner instanceof Y.Text) inner.insert(op.pos % (inner.length + 1), op.text);
        else if (inner instanceof Y.Array) inner.insert(op.pos % (inner.length + 1), [op.text]);
        else if (inner instanceof Y.Map) inner.set(op.text.slice(0, 8), op.text);
        break;
      }
      case 'xml': {
        const element = new Y.XmlElement('p');
        element.setAttribute('class', 'c');
        element.insert(0, [new Y.XmlText(op.text)]);
        doc.getXmlFragment('x').insert(0, [element]);
        break;
      }
    }
  }
  for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
  const receiver = new Y.Doc();
  for (const u of base) Y.applyUpdate(receiver, u);
  return { base, update: Y.encodeStateAsUpdate(docs[0]!, Y.encodeStateVector(receiver)), edits };
}

function receiverAt(base: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of base) Y.applyUpdate(doc, u);
  return doc;
}

/** Everything an observer can tell about a document. */
function observed(doc: Y.Doc) {
  return {
    state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    vector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    text: doc.getText('t').toDelta() as unknown,
    // A subdocument has a random client id of its own: compare it by guid.
    map: JSON.stringify(doc.getMap('m').toJSON(), (_k, v: unknown) =>
      v instanceof Y.Doc ? `doc:${v.guid}` : v,
    ),
    array: doc.getArray('a').toJSON(),
    xml: doc.getXmlFragment('x').toString(),
    pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
  };
}

/** A chunk over the budget must be one piece that cannot be cut further. */
function indivisible(chunk: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(chunk);
  const real = structs.filter((s) => !(s instanceof Y.Skip));
  if (real.length !== 1 || ds.clients.size > 0) return false;
  const struct = real[0]!;
  if (!(struct instanceof Y.Item)) return false;
  const content = struct.content;
  if (content instanceof Y.ContentString) return [...content.str].length === 1;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr.length === 1;
  return struct.length === 1 || content instanceof Y.ContentDeleted;
}

describe(`chunkUpdate (SPEC 3.7, seed ${SEED})`, () => {
  it('returns an update that fits as is, without decoding it', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    const update = Y.encodeStateAsUpdate(doc);
    const chunks = chunkUpdate(update, update.byteLength);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toBe(update);
    // Not decodable, yet returned untouched: proof that it was not decoded.
    const garbage = new Uint8Array([0xff, 0xff]);
    expect(chunkUpdate(garbage, 10)[0]).toBe(garbage);
  });

  it('chunks of random documents obey the budget and rebuild exactly the same document', () => {
    console.log(`chunkUpdate seed ${SEED} (set FC_SEED to replay)`);
    let cut = 0;
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 10, maxLength: 80 }),
        fc.boolean(),
        // Either a share of the update's size (1–120 %) or an absolute number of bytes.
        fc.oneof(
          fc.integer({ min: 1, max: 120 }).map((percent) => ({ percent })),
          fc.integer({ min: MIN_CHUNK_BYTES, max: 3_000 }).map((bytes) => ({ bytes })),
        ),
        (ops, gc, pick) => {
          const { base, update } = play(ops, gc);
          const budget =
            'bytes' in pick
              ? pick.bytes
              : Math.max(MIN_CHUNK_BYTES, Math.floor((update.byteLength * pick.percent) / 100));
          const chunks = chunkUpdate(update, budget);
          if (chunks.length > 1) cut++;
          for (const chunk of chunks) {
            if (chunk.byteLength > budget)
              expect(indivisible(chunk), 'only an indivisible piece may exceed').toBe(true);
          }
          const whole = receiverAt(base);
          Y.applyUpdate(whole, update);
          const pieces = receiverAt(base);
          for (const chunk of chunks) {
            Y.applyUpdate(pieces, chunk);
            // Dependency order: no chunk waits for a later one.
            expect(pieces.store.pendingStructs, 'a chunk left structs pending').toBeNull();
            expect(pieces.store.pendingDs, 'a chunk left deletions pending').toBeNull();
          }
          expect(observed(pieces)).toEqual(observed(whole));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    // The property must have exercised real splitting, not only the fast path.
    expect(cut).toBeGreaterThan(120);
  });

  it('chunks of an update with holes (a merge of some edits only) converge once the rest arrives', () => {
    // What a server whose document has pending structs sends: Skips, and items waiting for others.
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 10, maxLength: 60 }),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        fc.integer({ min: MIN_CHUNK_BYTES, max: 1_500 }),
        (ops, gc, mask, budget) => {
          const { edits } = play(ops, gc);
          const some = edits.filter((_, i) => mask[i % mask.length]);
          const rest = edits.filter((_, i) => !mask[i % mask.length]);
          if (some.length === 0) return;
          const update = Y.mergeUpdates(some);
          const chunks = chunkUpdate(update, budget);
          for (const chunk of chunks) {
            if (chunk.byteLength > budget) expect(indivisible(chunk)).toBe(true);
          }
          const whole = new Y.Doc();
          Y.applyUpdate(whole, update);
          const pieces = new Y.Doc();
          for (const chunk of chunks) Y.applyUpdate(pieces, chunk);
          expect(Y.encodeStateVector(pieces)).toEqual(Y.encodeStateVector(whole));
          for (const u of rest) {
            Y.applyUpdate(whole, u);
            Y.applyUpdate(pieces, u);
          }
          expect(observed(pieces)).toEqual(observed(whole));
          expect(observed(pieces).pending).toBe(false);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('cuts a 10 MB single paste (one item) into about ten chunks of at most 1 MiB', () => {
    const doc = new Y.Doc();
    const paste = 'Lorem ipsum dolor sit amet, 😀 consectetur adipiscing elit. '.repeat(170_000);
    doc.getText('t').insert(0, paste);
    const update = Y.encodeStateAsUpdate(doc);
    expect(Y.decodeUpdate(update).structs).toHaveLength(1);
    expect(update.byteLength).toBeGreaterThan(10_000_000);
    const budget = 1024 * 1024 - 6;
    const chunks = chunkUpdate(update, budget);
    expect(chunks.length).toBe(Math.ceil(update.byteLength / budget));
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(budget);
    const copy = new Y.Doc();
    for (const chunk of chunks) Y.applyUpdate(copy, chunk);
    expect(copy.getText('t').toString() === paste).toBe(true);
    expect(Buffer.from(Y.encodeStateAsUpdate(copy)).equals(Buffer.from(update))).toBe(true);
  });

  it('never cuts a surrogate pair, whatever the budget', () => {
    const doc = new Y.Doc();
    const emoji = '😀𝄞👍'.repeat(400);
    doc.getText('t').insert(0, emoji);
    const update = Y.encodeStateAsUpdate(doc);
    for (let budget = MIN_CHUNK_BYTES; budget < 200; budget++) {
      const chunks = chunkUpdate(update, budget);
      const copy = new Y.Doc();
      for (const chunk of chunks) {
        expect(chunk.byteLength).toBeLessThanOrEqual(budget);
        for (const s of Y.decodeUpdate(chunk).structs) {
          if (s instanceof Y.Item && s.content instanceof Y.ContentString)
            expect(s.content.str).not.toMatch('\uFFFD');
        }
        Y.applyUpdate(copy, chunk);
      }
      expect(copy.getText('t').toString()).toBe(emoji);
    }
  });

  it('sends a value that cannot be split whole, alone in its chunk', () => {
    const doc = new Y.Doc();
    // A map value is one element, however long: each of these fits, the binary does not.
    doc.getMap('m').set('before', 'x'.repeat(3_000));
    doc.getMap('m').set('blob', new Uint8Array(20_000).fill(9));
    doc.getMap('m').set('after', 'y'.repeat(3_000));
    const update = Y.encodeStateAsUpdate(doc);
    const chunks = chunkUpdate(update, 4_096);
    const over = chunks.filter((c) => c.byteLength > 4_096);
    expect(over).toHaveLength(1);
    expect(indivisible(over[0]!)).toBe(true);
    const copy = new Y.Doc();
    for (const chunk of chunks) Y.applyUpdate(copy, chunk);
    expect(copy.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
  });

  it('splits a large delete set across chunks, after the structs it deletes', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (let i = 0; i < 4_000; i++) text.insert(i, String(i % 10));
    // Every other character deleted: thousands of separate ranges.
    for (let i = 0; i < 2_000; i++) text.delete(i + 1, 1);
    const update = Y.encodeStateAsUpdate(doc);
    const budget = 512;
    const chunks = chunkUpdate(update, budget);
    const withDeletes = chunks.filter((c) => Y.decodeUpdate(c).ds.clients.size > 0);
    expect(withDeletes.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(budget);
    const copy = new Y.Doc();
    for (const chunk of chunks) Y.applyUpdate(copy, chunk);
    expect(copy.getText('t').toString()).toBe(text.toString());
    expect(copy.store.pendingDs).toBeNull();
  });
});
