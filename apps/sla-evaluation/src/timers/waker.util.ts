/**
 * A sleep that can be cut short. A wake that comes while nobody sleeps is remembered, so the
 * next sleep returns at once: a signal sent while the sleeper was busy is never lost.
 */
export class Waker {
  private pending = false;
  private release: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.release = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.release = done;
    });
  }

  wake(): void {
    if (this.release) this.release();
    else this.pending = true;
  }
}
