import { ProgressBar } from './progress-bar.util';

class Terminal {
  text = '';
  columns = 60;
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe(ProgressBar.name, () => {
  it('is not created for a pipe or a file', () => {
    expect(ProgressBar.forTerminal(new Terminal(false), 'backtest', 100)).toBeUndefined();
  });

  it('redraws in place at most every 100 ms and clears its line when done', () => {
    const out = new Terminal(true);
    let now = 1_000;
    const bar = new ProgressBar(out, 'backtest', 4 * 1024 * 1024, () => now);
    bar.update(1024 * 1024);
    now += 50;
    bar.update(2 * 1024 * 1024);
    now += 60;
    bar.update(2 * 1024 * 1024);
    bar.finish();
    const frames = out.text.split('\r').filter(Boolean);
    // 60 columns leave a 30-character bar beside the label and the figures.
    expect(frames.every((frame) => frame.replace('\x1b[K', '').length <= out.columns)).toBe(true);
    expect(frames).toEqual([
      `backtest [${'#'.repeat(8)}${'-'.repeat(22)}]  25% 1.0/4.0 MB\x1b[K`,
      `backtest [${'#'.repeat(15)}${'-'.repeat(15)}]  50% 2.0/4.0 MB\x1b[K`,
      '\x1b[K',
    ]);
  });
});
