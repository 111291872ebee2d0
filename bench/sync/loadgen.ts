/**
 * Sync load generator: raw y-websocket-protocol clients (no provider overhead) against a server.
 * Measures connect time, end-to-end edit latency (p50/p99/max), delivered updates/s, convergence,
 * server RSS/CPU and the generator's own CPU. Prints a table and one `BENCH_JSON {…}` line.
 *
 *   npx tsx bench/sync/loadgen.ts --rooms 1 --clients 50 --edits 5 --cursors 0 --duration 10
 *   npx tsx bench/sync/loadgen.ts --url ws://127.0.0.1:4400/sync   (an already running server)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSync,
  SyncStep,
} from '@ensemble/protocol';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const { values: args } = parseArgs({
  options: {
    rooms: { type: 'string', default: '1' },
    clients: { type: 'string', default: '50' },
    edits: { type: 'string', default: '5' },
    cursors: { type: 'string', default: '0' },
    duration: { type: 'string', default: '10' },
    url: { type: 'string' },
    label: { type: 'string', default: 'ensemble' },
  },
});

const ROOMS = Number(args.rooms);
const CLIENTS = Number(args.clients);
const EDITS = Number(args.edits);
const CURSORS = Number(args.cursors);
const DURATION_S = Number(args.duration);
const REMOTE = Symbol('remote');

interface Client {
  ws: WebSocket;
  doc: Y.Doc;
  room: number;
  synced: boolean;
  clock: number;
}

const latencies: number[] = [];
let delivered = 0;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startEnsemble(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const cli = new URL('../../packages/app/dist/cli.js', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', String(port), '--data-dir', mkdtempSync(join(tmpdir(), 'ens-bench-'))],
    {
      env: {
        ...process.env,
        ENSEMBLE_LOG_LEVEL: 'warn',
        ENSEMBLE_SYNC_CONNECTIONS_PER_IP: '100000',
        ENSEMBLE_SYNC_MESSAGES_PER_SECOND: '100000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok)
        return { url: `ws://127.0.0.1:${port}/sync`, child };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start (did you run npm run build?)');
}

function procStats(pid: number): { cpuSeconds: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssPages = Number(stat[21]);
  return { cpuSeconds: ticks / 100, rssBytes: rssPages * 4096 };
}

function connect(url: string, room: number): Promise<Client> {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}/bench-room-${room}`, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  const client: Client = { ws, doc, room, synced: false, clock: 0 };
  doc.getMap('lat').observe((event) => {
    if (event.transaction.origin !== REMOTE) return;
    const now = performance.timeOrigin + performance.now();
    for (const key of event.keysChanged) {
      const sent = doc.getMap('lat').get(key);
      if (typeof sent === 'number') latencies.push(now - sent);
    }
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) delivered++;
    else if (ws.readyState === WebSocket.OPEN) ws.send(encodeSync(SyncStep.Update, update));
  });
  ws.on('message', (data: Buffer) => {
    const m = decodeMessage(new Uint8Array(data));
    if (m.kind !== 'sync') return;
    if (m.step === SyncStep.Step1) ws.send(encodeSync(SyncStep.Step2, Y.encodeStateAsUpdate(doc, m.payload)));
    else {
      Y.applyUpdate(doc, m.payload, REMOTE);
      if (m.step === SyncStep.Step2) client.synced = true;
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(doc)));
      resolve(client);
    });
    ws.once('error', reject);
  });
}

async function main(): Promise<void> {
  const server = args.url ? { url: args.url, child: undefined } : await startEnsemble();
  const cpu0 = process.cpuUsage();
  const server0 = server.child?.pid ? procStats(server.child.pid) : undefined;

  const connectStart = performance.now();
  const connectTimes: number[] = [];
  const clients: Client[] = [];
  for (let r = 0; r < ROOMS; r++) {
    const batch = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const t = performance.now();
        const c = await connect(server.url, r);
        while (!c.synced) await new Promise((res) => setTimeout(res, 5));
        connectTimes.push(performance.now() - t);
        return c;
      }),
    );
    clients.push(...batch);
  }
  const connectAll = performance.now() - connectStart;

  latencies.length = 0;
  delivered = 0;
  const timers: NodeJS.Timeout[] = [];
  for (const [i, c] of clients.entries()) {
    if (EDITS > 0) {
      timers.push(
        setInterval(() => {
          c.doc.getMap('lat').set(String(i), performance.timeOrigin + performance.now());
          c.doc.getText('t').insert(0, 'x');
        }, 1000 / EDITS),
      );
    }
    if (CURSORS > 0) {
      timers.push(
        setInterval(() => {
          if (c.ws.readyState !== WebSocket.OPEN) return;
          c.clock++;
          const state = JSON.stringify({ cursor: { x: c.clock % 800, y: i } });
          c.ws.send(
            encodeAwareness(encodeAwarenessUpdate([{ clientId: c.doc.clientID, clock: c.clock, state }])),
          );
        }, 1000 / CURSORS),
      );
    }
  }
  const runStart = performance.now();
  await new Promise((r) => setTimeout(r, DURATION_S * 1000));
  for (const t of timers) clearInterval(t);
  const runSeconds = (performance.now() - runStart) / 1000;
  const server1 = server.child?.pid ? procStats(server.child.pid) : undefined;

  // Convergence: every client of a room ends with the same text.
  let converged = false;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    converged = Array.from({ length: ROOMS }, (_, r) => clients.filter((c) => c.room === r)).every((group) =>
      group.every((c) => c.doc.getText('t').length === group[0]!.doc.getText('t').length),
    );
    if (converged) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu = process.cpuUsage(cpu0);
  for (const c of clients) c.ws.terminate();
  server.child?.kill('SIGTERM');

  const sorted = latencies.sort((a, b) => a - b);
  const result = {
    label: args.label,
    scenario: {
      rooms: ROOMS,
      clientsPerRoom: CLIENTS,
      editsPerSecond: EDITS,
      cursorsPerSecond: CURSORS,
      seconds: DURATION_S,
    },
    connectMsP50: percentile(
      [...connectTimes].sort((a, b) => a - b),
      50,
    ),
    connectAllMs: connectAll,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      samples: sorted.length,
    },
    deliveredUpdatesPerSecond: delivered / runSeconds,
    converged,
    serverRssMB: server1 ? server1.rssBytes / 1e6 : null,
    serverCpuPercent:
      server0 && server1 ? ((server1.cpuSeconds - server0.cpuSeconds) / runSeconds) * 100 : null,
    generatorCpuPercent: ((cpu.user + cpu.system) / 1e6 / ((performance.now() - runStart) / 1000)) * 100,
  };
  const f = (n: number | null) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(1));
  console.log(
    `\n${result.label}: ${ROOMS} room(s) × ${CLIENTS} clients × ${EDITS} edits/s + ${CURSORS} cursor moves/s, ${DURATION_S} s`,
  );
  console.table({
    'connect p50 (ms)': f(result.connectMsP50),
    'edit latency p50 (ms)': f(result.latencyMs.p50),
    'edit latency p99 (ms)': f(result.latencyMs.p99),
    'edit latency max (ms)': f(result.latencyMs.max),
    'delivered updates/s': f(result.deliveredUpdatesPerSecond),
    converged: String(result.converged),
    'server RSS (MB)': f(result.serverRssMB),
    'server CPU (%)': f(result.serverCpuPercent),
    'generator CPU (%)': f(result.generatorCpuPercent),
  });
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
