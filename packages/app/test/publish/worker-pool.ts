import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_CLI = join(PACKAGES, 'app/src/cli.ts');
const BUILT_CLI = join(PACKAGES, 'app/dist/cli.js');
/** What `ensemble worker` loads: its dist must be at least as new as its source to be used. */
const WORKER_PACKAGES = ['protocol', 'storage', 'server', 'publish', 'catalog', 'app'];

/** Newest mtime under `dir`, leaving out what the build excludes (tests, test support). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') latest = Math.max(latest, newest(path));
    } else if (!/\.test(-d)?\.ts$/.test(entry.name)) {
      latest = Math.max(latest, statSync(path).mtimeMs);
    }
  }
  return latest;
}

/**
 * The worker command. A fresh build (what `npm test` runs after `npm run build`) starts in ~0.7 CPU-s;
 * through tsx from source it takes ~1.7 — and the chaos test restarts workers a lot on two cores.
 * Any source newer than its build falls back to source, so the test never runs stale code.
 */
export function workerCommand(): { args: string[]; from: 'dist' | 'source' } {
  const fresh =
    existsSync(BUILT_CLI) &&
    WORKER_PACKAGES.every((name) => {
      const dist = join(PACKAGES, name, 'dist');
      return existsSync(dist) && newest(dist) >= newest(join(PACKAGES, name, 'src'));
    });
  return fresh
    ? { args: [BUILT_CLI, 'worker'], from: 'dist' }
    : // `--conditions=source` loads the workspace packages from `src` as well, never a stale `dist`.
      { args: ['--conditions=source', '--import', 'tsx', SOURCE_CLI, 'worker'], from: 'source' };
}

interface Slot {
  child: ChildProcess;
  /** The process said "publish worker running": a kill now can hit a job in flight. */
  ready: boolean;
  /** Tail of stderr, for the failure message when a worker exits on its own. */
  stderr: string;
}

/**
 * `ensemble worker` processes (the real CLI, see {@link workerCommand}) that can be killed with SIGKILL
 * and restarted. A worker that exits by itself (not killed by us) is a bug: it is recorded, not hidden.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly command = workerCommand();
  private closing = false;
  readonly unexpectedExits: string[] = [];
  kills = 0;
  starts = 0;

  constructor(
    size: number,
    private readonly env: Record<string, string>,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(index: number): Slot {
    this.starts++;
    const child = spawn(process.execPath, this.command.args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const slot: Slot = { child, ready: false, stderr: '' };
    child.stdout?.on('data', (data: Buffer) => {
      if (data.toString().includes('publish worker running')) slot.ready = true;
    });
    child.stderr?.on('data', (data: Buffer) => {
      slot.stderr = (slot.stderr + data.toString()).slice(-2000);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || this.closing) return;
      this.unexpectedExits.push(`worker ${index} exited (code ${code}, signal ${signal}): ${slot.stderr}`);
      // Keep the pool at full strength so one crash does not stall the run.
      if (this.slots[index] === slot) this.slots[index] = this.spawn(index);
    });
    return slot;
  }

  get from(): 'dist' | 'source' {
    return this.command.from;
  }

  /** SIGKILLs one running worker chosen by `random` and starts a fresh one in its place. */
  killOne(random: () => number): boolean {
    const ready = this.slots.map((slot, index) => ({ slot, index })).filter(({ slot }) => slot.ready);
    if (ready.length === 0) return false;
    const { slot, index } = ready[Math.floor(random() * ready.length)]!;
    slot.ready = false;
    slot.child.kill('SIGKILL');
    this.kills++;
    this.slots[index] = this.spawn(index);
    return true;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.slots.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed from its logged seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
