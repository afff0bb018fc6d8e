import type { CliTerminalOutput } from './cli-io.type';

const REDRAW_EVERY_MS = 100;
const MB = 1024 * 1024;

/**
 * A one-line bar redrawn in place on a terminal. Never created for a pipe or a file, so
 * redirected stderr holds only messages.
 */
export class ProgressBar {
  private lastDrawn = -Infinity;
  private drawn = false;

  constructor(
    private readonly out: CliTerminalOutput,
    private readonly label: string,
    private readonly totalBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  static forTerminal(out: CliTerminalOutput, label: string, totalBytes: number): ProgressBar | undefined {
    return out.isTTY ? new ProgressBar(out, label, totalBytes) : undefined;
  }

  update(doneBytes: number): void {
    const time = this.now();
    if (time - this.lastDrawn < REDRAW_EVERY_MS) return;
    this.lastDrawn = time;
    this.draw(doneBytes);
  }

  finish(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
  }

  private draw(doneBytes: number): void {
    const share = this.totalBytes > 0 ? Math.min(1, doneBytes / this.totalBytes) : 1;
    const figures = `${(doneBytes / MB).toFixed(1)}/${(this.totalBytes / MB).toFixed(1)} MB`;
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    const room = Math.max(10, Math.min(40, (this.out.columns ?? 80) - this.label.length - figures.length - 12));
    const filled = Math.round(share * room);
    this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(room - filled)}] ${percent} ${figures}\x1b[K`);
    this.drawn = true;
  }
}
