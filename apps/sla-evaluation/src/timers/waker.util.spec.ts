import { Waker } from './waker.util';

describe(Waker.name, () => {
  it('sleeps for the time asked when nobody wakes it', async () => {
    const started = Date.now();
    await new Waker().sleep(60);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('returns early when woken', async () => {
    const waker = new Waker();
    const started = Date.now();
    const sleeping = waker.sleep(10_000);
    setTimeout(() => waker.wake(), 20);
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('remembers a wake sent while nobody slept, once', async () => {
    const waker = new Waker();
    waker.wake();
    const started = Date.now();
    await waker.sleep(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const second = Date.now();
    await waker.sleep(60);
    expect(Date.now() - second).toBeGreaterThanOrEqual(55);
  });
});
