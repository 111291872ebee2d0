import type { CliIo } from './io.js';

/**
 * A progress bar on stderr: redrawn in place on a TTY, otherwise one line per phase and per 10 %
 * (logs stay readable in CI).
 */
export class ProgressBar {
  #lastPercent = -1;
  constructor(
    private readonly io: CliIo,
    private readonly width = 30,
  ) {}

  phase(name: string): void {
    this.#lastPercent = -1;
    if (this.io.stderr.isTTY) this.io.stderr.write('\n');
    this.io.stderr.write(`${name}…${this.io.stderr.isTTY ? '' : '\n'}`);
  }

  update(label: string, done: number, total: number): void {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (this.io.stderr.isTTY) {
      const filled = Math.round((percent / 100) * this.width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
      this.io.stderr.write(`\r${label} ${bar} ${percent}% (${done}/${total})`);
      if (done === total) this.io.stderr.write('\n');
      return;
    }
    const step = Math.floor(percent / 10) * 10;
    if (step !== this.#lastPercent) {
      this.#lastPercent = step;
      this.io.stderr.write(`${label} ${step}% (${done}/${total})\n`);
    }
  }
}
