import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database belongs to one process at a time; a second one would corrupt it. A pid file
 * guards the data directory; a lock left by a process that died (kill -9) is taken over.
 */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  const key = resolve(dataDir);
  if (heldHere.has(key)) {
    throw new EnsembleError(
      ErrorCode.Config,
      `data directory ${dataDir} is in use by another ensemble process (this one, pid ${process.pid}); use another --data-dir`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'ensemble.lock');
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && alive(holder)) {
    throw new EnsembleError(
      ErrorCode.Config,
      `data directory ${dataDir} is in use by another ensemble process (pid ${holder}); stop it or use another --data-dir`,
    );
  }
  writeFileSync(path, String(process.pid));
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    rmSync(path, { force: true });
  };
}
