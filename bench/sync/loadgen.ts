/**
 * Sync load generator: raw y-websocket-protocol clients (no provider, no awareness object) against
 * one server or several nodes. The same process drives Ensemble, Hocuspocus (its protocol prefixes
 * every message with the document name and needs an auth message) and the y-websocket server, so the
 * figures compare. Prints one `BENCH_JSON {…}` line; bench/sync/run.ts starts servers and collects.
 *
 * Modes:
 *   edit  rooms × clients × edits/s (+ cursor moves/s): connect time, edit latency, delivered
 *         updates/s, convergence, saved-ack latency (`--saved`, Ensemble), cross-node latency (`--urls a,b`)
 *   idle  `--connections N` idle sockets over `--rooms R`: server RSS per connection
 *   join  a document built from `--updates N` (~10 characters each) and a `--big-mb M` document:
 *         time for `--joiners J` fresh clients to be synced, largest frame received
 *
 *   npx tsx bench/sync/loadgen.ts --url ws://127.0.0.1:4400/sync --rooms 1 --clients 50 --edits 5
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  decodeMessage,
  ExtensionType,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeHello,
  encodeSync,
  SyncStep,
} from '@ensemble/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'edit' },
    url: { type: 'string' },
    urls: { type: 'string' },
    protocol: { type: 'string', default: 'yws' },
    'server-pids': { type: 'string', default: '' },
    label: { type: 'string', default: 'server' },
    rooms: { type: 'string', default: '1' },
    clients: { type: 'string', default: '50' },
    edits: { type: 'string', default: '5' },
    cursors: { type: 'string', default: '0' },
    duration: { type: 'string', default: '10' },
    observers: { type: 'string', default: '10' },
    saved: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10000' },
    updates: { type: 'string', default: '20000' },
    joiners: { type: 'string', default: '20' },
    'big-mb': { type: 'string', default: '10' },
    'cold-wait': { type: 'string', default: '0' },
    prefix: { type: 'string', default: `b${Date.now().toString(36)}` },
  },
});

const URLS = (args.urls ?? args.url ?? '').split(',').filter(Boolean);
if (URLS.length === 0) throw new Error('--url (or --urls a,b) is required');
const HOCUSPOCUS = args.protocol === 'hocuspocus';
const REMOTE = Symbol('remote');
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- protocol adapter ----------

/** Hocuspocus frames every message with the document name; the others speak plain y-websocket. */
function frame(room: string, message: Uint8Array): Uint8Array {
  if (!HOCUSPOCUS) return message;
  const e = encoding.createEncoder();
  encoding.writeVarString(e, room);
  encoding.writeUint8Array(e, message);
  return encoding.toUint8Array(e);
}

function unframe(data: Uint8Array): Uint8Array {
  if (!HOCUSPOCUS) return data;
  const d = decoding.createDecoder(data);
  decoding.readVarString(d);
  return data.subarray(d.pos);
}

/** Hocuspocus waits for an auth message (type 2, token sub-type 0) before it serves a document. */
function authFrame(room: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, room);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, '');
  return encoding.toUint8Array(e);
}

function socketUrl(base: string, room: string): string {
  return HOCUSPOCUS ? base : `${base}/${room}`;
}

// ---------- measurements ----------

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? null,
    samples: s.length,
  };
}

const PIDS = args['server-pids'].split(',').filter(Boolean).map(Number);

function procStats(): { cpuSeconds: number; rssBytes: number } | null {
  if (PIDS.length === 0) return null;
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of PIDS) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    cpuSeconds += (Number(stat[11]) + Number(stat[12])) / 100;
    rssBytes += Number(stat[21]) * 4096;
  }
  return { cpuSeconds, rssBytes };
}

// ---------- clients ----------

/** Every edit any client of this generator sent: per Yjs client id, its first clock and send time. */
const sentEdits = new Map<number, { index: number; clock: number; at: number }[]>();

interface Client {
  index: number;
  room: string;
  node: number;
  ws: WebSocket;
  doc: Y.Doc;
  /** Observers integrate everything and measure latency; the others only count what they get. */
  observer: boolean;
  synced: boolean;
  clock: number;
  editsSent: number;
  /** Send times of update-carrying messages, for saved-ack latency. */
  sentAt: number[];
  savedUpTo: number;
  /** Messages sent in the measured window: [from, to) indexes into `sentAt`. */
  measuredFrom: number;
  measuredTo: number;
  maxFrame: number;
  /** Observers: per sender's Yjs client id, how many of its edits this client has already seen. */
  seen: Map<number, number>;
  /** Observers: updates received, integrated only at the end (see `measureDelivery`). */
  backlog: Uint8Array[];
  onSynced?: () => void;
}

let observerEditDeliveries = 0;
const latencies: number[] = [];
const crossLatencies: number[] = [];
const sameLatencies: number[] = [];
const savedLatencies: number[] = [];
let delivered = 0;
let measuring = false;

function openClient(
  index: number,
  room: string,
  node: number,
  observer: boolean,
  options: { hello?: boolean; doc?: Y.Doc } = {},
): Promise<Client> {
  const doc = options.doc ?? new Y.Doc();
  const ws = new WebSocket(socketUrl(URLS[node]!, room), {
    perMessageDeflate: false,
    maxPayload: 256 * 1024 * 1024,
  });
  ws.binaryType = 'nodebuffer';
  const client: Client = {
    index,
    room,
    node,
    ws,
    doc,
    observer,
    synced: false,
    clock: 0,
    editsSent: 0,
    sentAt: [],
    savedUpTo: 0,
    measuredFrom: Number.POSITIVE_INFINITY,
    measuredTo: Number.POSITIVE_INFINITY,
    maxFrame: 0,
    seen: new Map(),
    backlog: [],
  };
  const send = (message: Uint8Array) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(frame(room, message));
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    client.sentAt.push(now());
    send(encodeSync(SyncStep.Update, update));
  });
  ws.on('message', (data: Buffer) => {
    if (data.byteLength > client.maxFrame) client.maxFrame = data.byteLength;
    const m = decodeMessage(unframe(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    if (m.kind === 'sync') {
      if (m.step === SyncStep.Step1) {
        client.sentAt.push(now());
        send(encodeSync(SyncStep.Step2, Y.encodeStateAsUpdate(doc, m.payload)));
        return;
      }
      if (measuring && m.step === SyncStep.Update) delivered++;
      // Light clients skip integrating what others typed: that would be the generator's main cost.
      if (observer) {
        if (!client.synced) Y.applyUpdate(doc, m.payload, REMOTE);
        else {
          measureDelivery(client, m.payload, m.step === SyncStep.Update);
          client.backlog.push(m.payload);
        }
      }
      if (m.step === SyncStep.Step2 && !client.synced) {
        client.synced = true;
        client.onSynced?.();
      }
    } else if (m.kind === 'extension' && m.message.type === ExtensionType.Saved) {
      const upTo = m.message.upTo;
      const t = now();
      // Acks may arrive after the window closed: they still count for messages sent inside it.
      for (let k = client.savedUpTo; k < upTo; k++) {
        if (k >= client.measuredFrom && k < client.measuredTo) savedLatencies.push(t - client.sentAt[k]!);
      }
      client.savedUpTo = upTo;
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      if (HOCUSPOCUS) ws.send(authFrame(room));
      if (options.hello) ws.send(encodeHello());
      send(encodeSync(SyncStep.Step1, Y.encodeStateVector(doc)));
      resolve(client);
    });
    ws.once('error', reject);
  });
}

/**
 * Edit latency without integrating: which edits an update carries is read from its header
 * (`parseUpdateMeta`: per client, the clock range), matched against the send times this process
 * recorded. Integrating every update into a Y.Doc per observer made the generator itself the
 * bottleneck — its event loop delays, not the server's, dominated the tail; the backlog is applied
 * at the end to check convergence.
 */
function measureDelivery(client: Client, update: Uint8Array, record: boolean): void {
  const meta = Y.parseUpdateMeta(update);
  const t = now();
  for (const [sender, to] of meta.to) {
    if (sender === client.doc.clientID) continue;
    const edits = sentEdits.get(sender);
    if (!edits) continue;
    let i = client.seen.get(sender) ?? 0;
    for (; i < edits.length && edits[i]!.clock < to; i++) {
      if (!record || !measuring) continue;
      const latency = t - edits[i]!.at;
      observerEditDeliveries++;
      latencies.push(latency);
      if (URLS.length > 1)
        (edits[i]!.index % URLS.length === client.node ? sameLatencies : crossLatencies).push(latency);
    }
    client.seen.set(sender, i);
  }
}

function whenSynced(client: Client, timeoutMs = 120_000): Promise<void> {
  if (client.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${client.index} not synced`)), timeoutMs);
    client.onSynced = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

function emit(result: object): never {
  console.log(`BENCH_JSON ${JSON.stringify({ label: args.label, ...result })}`);
  process.exit(0);
}

// ---------- modes ----------

async function editMode(): Promise<void> {
  const rooms = Number(args.rooms);
  const perRoom = Number(args.clients);
  const edits = Number(args.edits);
  const cursors = Number(args.cursors);
  const seconds = Number(args.duration);
  const observers = Number(args.observers);
  const clients: Client[] = [];
  const connectTimes: number[] = [];
  const specs = Array.from({ length: rooms * perRoom }, (_, i) => ({
    index: i,
    room: `${args.prefix}-r${Math.floor(i / perRoom)}`,
    observer: i % perRoom < observers,
  }));
  const connectStart = performance.now();
  await pool(specs, 100, async (spec) => {
    const t = performance.now();
    const client = await openClient(spec.index, spec.room, spec.index % URLS.length, spec.observer, {
      hello: args.saved,
    });
    await whenSynced(client);
    connectTimes.push(performance.now() - t);
    clients.push(client);
  });
  const connectAllMs = performance.now() - connectStart;

  const cpu0 = process.cpuUsage();
  const server0 = procStats();
  measuring = true;
  for (const c of clients) c.measuredFrom = c.sentAt.length;
  const timers: NodeJS.Timeout[] = [];
  const runStart = performance.now();
  for (const c of clients) {
    // A random phase per client: real users do not type in lockstep.
    if (edits > 0) {
      const period = 1000 / edits;
      timers.push(
        setTimeout(() => {
          timers.push(
            setInterval(() => {
              const at = now();
              let edits = sentEdits.get(c.doc.clientID);
              if (!edits) {
                edits = [];
                sentEdits.set(c.doc.clientID, edits);
              }
              edits.push({ index: c.index, clock: Y.getState(c.doc.store, c.doc.clientID), at });
              c.doc.transact(() => {
                c.doc.getMap('lat').set(String(c.index), at);
                c.doc.getText('t').insert(0, 'x');
              });
              c.editsSent++;
            }, period),
          );
        }, Math.random() * period),
      );
    }
    if (cursors > 0) {
      const period = 1000 / cursors;
      timers.push(
        setTimeout(() => {
          timers.push(
            setInterval(() => {
              if (c.ws.readyState !== WebSocket.OPEN) return;
              c.clock++;
              const state = JSON.stringify({ cursor: { x: c.clock % 800, y: c.index } });
              c.ws.send(
                frame(
                  c.room,
                  encodeAwareness(
                    encodeAwarenessUpdate([{ clientId: c.doc.clientID, clock: c.clock, state }]),
                  ),
                ),
              );
            }, period),
          );
        }, Math.random() * period),
      );
    }
  }
  await sleep(seconds * 1000);
  for (const t of timers) clearInterval(t);
  for (const c of clients) c.measuredTo = c.sentAt.length;
  const runSeconds = (performance.now() - runStart) / 1000;
  const server1 = procStats();
  const cpu = process.cpuUsage(cpu0);
  measuring = false;

  // Convergence: every observer ends with every character typed in its room.
  const expected = new Map<string, number>();
  for (const c of clients) expected.set(c.room, (expected.get(c.room) ?? 0) + c.editsSent);
  const stopped = performance.now();
  // Delivered: every observer has seen (in update headers) every edit the others of its room sent.
  const editsOf = (c: Client) => {
    let seen = 0;
    for (const n of c.seen.values()) seen += n;
    return seen + c.editsSent;
  };
  let convergeMs = Number.NaN;
  while (performance.now() - stopped < 30_000) {
    if (clients.every((c) => !c.observer || editsOf(c) === expected.get(c.room))) {
      convergeMs = performance.now() - stopped;
      break;
    }
    await sleep(20);
  }
  // Converged: the updates each observer received, integrated, give the whole text of its room.
  for (const c of clients) for (const update of c.backlog.splice(0)) Y.applyUpdate(c.doc, update, REMOTE);
  const converged =
    !Number.isNaN(convergeMs) &&
    clients.every((c) => !c.observer || c.doc.getText('t').length === expected.get(c.room));
  if (args.saved) {
    const deadline = performance.now() + 10_000;
    while (clients.some((c) => c.savedUpTo < c.sentAt.length) && performance.now() < deadline)
      await sleep(20);
  }
  for (const c of clients) c.ws.terminate();
  emit({
    mode: 'edit',
    scenario: {
      rooms,
      clientsPerRoom: perRoom,
      editsPerSecond: edits,
      cursorsPerSecond: cursors,
      seconds,
      nodes: URLS.length,
      observersPerRoom: observers,
    },
    connectMs: summary(connectTimes),
    connectAllMs,
    latencyMs: summary(latencies),
    ...(URLS.length > 1
      ? { crossNodeLatencyMs: summary(crossLatencies), sameNodeLatencyMs: summary(sameLatencies) }
      : {}),
    ...(args.saved ? { savedAckMs: summary(savedLatencies) } : {}),
    // Frames that carried document updates (a server that batches sends fewer, each with several edits).
    deliveredUpdatesPerSecond: delivered / runSeconds,
    // Edits that reached the observers, scaled to all clients of their rooms.
    deliveredEditsPerSecond: (observerEditDeliveries / runSeconds / Math.min(observers, perRoom)) * perRoom,
    expectedDeliveriesPerSecond: rooms * perRoom * (perRoom - 1) * edits,
    converged,
    convergeAfterStopMs: converged ? convergeMs : null,
    serverRssMB: server1 ? server1.rssBytes / 1e6 : null,
    serverCpuPercent:
      server0 && server1 ? ((server1.cpuSeconds - server0.cpuSeconds) / runSeconds) * 100 : null,
    generatorCpuPercent: ((cpu.user + cpu.system) / 1e6 / runSeconds) * 100,
  });
}

/** An idle socket: handshake with an empty document, then nothing (no Y.Doc kept). */
function idleSocket(room: string, node: number): Promise<{ ws: WebSocket; ms: number }> {
  const t = performance.now();
  const ws = new WebSocket(socketUrl(URLS[node]!, room), { perMessageDeflate: false });
  const emptyVector = Y.encodeStateVector(new Y.Doc());
  const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const m = decodeMessage(unframe(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      if (m.kind !== 'sync') return;
      if (m.step === SyncStep.Step1) ws.send(frame(room, encodeSync(SyncStep.Step2, emptyUpdate)));
      else if (m.step === SyncStep.Step2) resolve({ ws, ms: performance.now() - t });
    });
    ws.once('open', () => {
      if (HOCUSPOCUS) ws.send(authFrame(room));
      ws.send(frame(room, encodeSync(SyncStep.Step1, emptyVector)));
    });
    ws.once('error', reject);
  });
}

async function idleMode(): Promise<void> {
  const total = Number(args.connections);
  const rooms = Number(args.rooms);
  const sockets: WebSocket[] = [];
  const connectTimes: number[] = [];
  const open = (from: number, to: number) =>
    pool(
      Array.from({ length: to - from }, (_, k) => from + k),
      200,
      async (i) => {
        const { ws, ms } = await idleSocket(`${args.prefix}-idle${i % rooms}`, i % URLS.length);
        sockets.push(ws);
        connectTimes.push(ms);
      },
    );
  // Two points, both with connections open (every room loaded): the server's own baseline (an
  // embedded database, caches, start-up garbage) does not count, only what more sockets cost.
  const first = Math.max(rooms, Math.floor(total / 10));
  const started = performance.now();
  await open(0, first);
  await sleep(5000);
  const before = procStats();
  await open(first, total);
  const connectAllMs = performance.now() - started;
  await sleep(5000);
  const after = procStats();
  for (const ws of sockets) ws.terminate();
  emit({
    mode: 'idle',
    scenario: { connections: total, rooms },
    connectMs: summary(connectTimes),
    connectAllMs,
    serverRssMBAtFirst: before ? before.rssBytes / 1e6 : null,
    serverRssMBAfter: after ? after.rssBytes / 1e6 : null,
    rssKBPerConnection: before && after ? (after.rssBytes - before.rssBytes) / 1024 / (total - first) : null,
  });
}

async function joinMode(): Promise<void> {
  const updates = Number(args.updates);
  const joiners = Number(args.joiners);
  const bigMb = Number(args['big-mb']);
  const coldWaitMs = Number(args['cold-wait']);

  // 1. A document built from many small updates (typing), sent one update per message.
  const room = `${args.prefix}-built`;
  const holder = await openClient(0, room, 0, false);
  await whenSynced(holder);
  const text = holder.doc.getText('t');
  for (let i = 0; i < updates; i++) {
    text.insert(text.length, `line ${i % 1000}\n`.padEnd(10, '.'));
    if (i % 200 === 199) {
      while (holder.ws.bufferedAmount > 1 << 20) await sleep(5);
      await sleep(1);
    }
  }
  const expectedLength = text.length;
  const bytes = Y.encodeStateAsUpdate(holder.doc).byteLength;
  // The server has it all once a fresh client sees the whole text.
  for (;;) {
    const probe = await openClient(1, room, 0, true);
    await whenSynced(probe);
    const ok = probe.doc.getText('t').length === expectedLength;
    probe.ws.terminate();
    if (ok) break;
    await sleep(500);
  }
  const joinAll = async (label: string) => {
    const times: number[] = [];
    let maxFrame = 0;
    await Promise.all(
      Array.from({ length: joiners }, async (_, j) => {
        const t = performance.now();
        const c = await openClient(100 + j, room, j % URLS.length, true);
        await whenSynced(c);
        if (c.doc.getText('t').length !== expectedLength)
          throw new Error(`${label}: joiner got a partial document`);
        times.push(performance.now() - t);
        maxFrame = Math.max(maxFrame, c.maxFrame);
        c.ws.terminate();
      }),
    );
    return { ...summary(times), maxFrameBytes: maxFrame };
  };
  const warm = await joinAll('warm');
  let cold: object | null = null;
  if (coldWaitMs > 0) {
    // Ensemble only: nobody connected → the room unloads; joiners then load it from storage.
    holder.ws.terminate();
    await sleep(coldWaitMs);
    cold = await joinAll('cold');
  } else holder.ws.terminate();

  // 2. One 10 MB document (a single large paste), one fresh joiner.
  const bigRoom = `${args.prefix}-big`;
  const bigDoc = new Y.Doc();
  bigDoc.getText('t').insert(0, 'x'.repeat(bigMb * 1024 * 1024));
  const bigBytes = Y.encodeStateAsUpdate(bigDoc).byteLength;
  // The builder joins with the document already in hand: it goes up as the initial SyncStep2.
  const builder = await openClient(2, bigRoom, 0, false, { doc: bigDoc });
  await whenSynced(builder);
  let big: object | null = null;
  for (let attempt = 0; attempt < 60 && !big; attempt++) {
    const t = performance.now();
    const joiner = await openClient(3, bigRoom, 0, true);
    await whenSynced(joiner);
    const ms = performance.now() - t;
    if (joiner.doc.getText('t').length === bigMb * 1024 * 1024) big = { ms, maxFrameBytes: joiner.maxFrame };
    joiner.ws.terminate();
    if (!big) await sleep(500);
  }
  builder.ws.terminate();
  emit({
    mode: 'join',
    scenario: { updates, joiners, characters: expectedLength, docBytes: bytes, bigDocBytes: bigBytes },
    warmJoinMs: warm,
    coldJoinMs: cold,
    bigJoin: big,
  });
}

const modes: Record<string, () => Promise<void>> = { edit: editMode, idle: idleMode, join: joinMode };
const run = modes[args.mode];
if (!run) throw new Error(`unknown --mode ${args.mode}`);
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
