import type { ServiceRuntime } from '@underpin/platform';
import { ClockTimerLoopService, MAX_TIMER_SLEEP_MS, TIMER_BATCH } from './clock-timer-loop.service';
import type { IncidentStreamWatchService } from './incident-stream-watch.service';
import type { FiringPass, TimerFiringService } from './timer-firing.service';

/** A timer store in memory: fire instants, claimed in order when due. */
class FakeFiring {
  timers: number[] = [];
  passes = 0;
  concurrent = 0;
  maxConcurrent = 0;

  async fireDue(now: number, limit: number): Promise<FiringPass> {
    this.passes++;
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const due = this.timers.filter((at) => at <= now).slice(0, limit);
    this.timers = this.timers.filter((at) => !due.includes(at));
    this.concurrent--;
    return { claimed: due.length, fired: due.length, earliestTimer: undefined };
  }

  async earliestTimer(): Promise<number | undefined> {
    return this.timers.length === 0 ? undefined : Math.min(...this.timers);
  }

  async release(): Promise<void> {}
}

/** The incident events consumer's progress as the loop sees it: caught up unless the test says not. */
class FakeWatch {
  open = true;
  async mayFire(): Promise<boolean> {
    return this.open;
  }
}

function loopWith(firing: FakeFiring, watch = new FakeWatch()): ClockTimerLoopService {
  const runtime = { now: () => Date.now() } as ServiceRuntime;
  return new ClockTimerLoopService(firing as unknown as TimerFiringService, watch as unknown as IncidentStreamWatchService, runtime);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(ClockTimerLoopService.name, () => {
  let loop: ClockTimerLoopService | undefined;

  afterEach(async () => {
    await loop?.beforeApplicationShutdown();
    loop = undefined;
  });

  it('fires at start-up what is already due', async () => {
    const firing = new FakeFiring();
    firing.timers = [Date.now() - 60_000, Date.now() - 1];
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    await sleep(50);
    expect(firing.timers).toEqual([]);
  });

  it('sleeps until the earliest timer instead of polling, at most a second at a time', async () => {
    const firing = new FakeFiring();
    firing.timers = [Date.now() + 60_000];
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    await sleep(MAX_TIMER_SLEEP_MS * 1.5);
    // One pass at start, one after the capped sleep: not a pass per millisecond.
    expect(firing.passes).toBeGreaterThanOrEqual(2);
    expect(firing.passes).toBeLessThanOrEqual(3);
  });

  it('fires a timer well within a second of its instant', async () => {
    const firing = new FakeFiring();
    const at = Date.now() + 300;
    firing.timers = [at];
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    while (firing.timers.length > 0) await sleep(1);
    expect(Date.now() - at).toBeLessThan(500);
  });

  it('wakes early when a commit schedules a timer before the one it sleeps for', async () => {
    const firing = new FakeFiring();
    firing.timers = [Date.now() + 60_000];
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    await sleep(20);
    const soon = Date.now() + 30;
    firing.timers.push(soon);
    loop.scheduled(soon);
    while (firing.timers.includes(soon)) await sleep(1);
    expect(Date.now() - soon).toBeLessThan(500);
  });

  it('drains a backlog with passes back to back and claims side by side', async () => {
    const firing = new FakeFiring();
    const past = Date.now() - 1_000;
    firing.timers = Array.from({ length: TIMER_BATCH * 5 }, (_, i) => past + i / 10_000);
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    await sleep(200);
    expect(firing.timers).toEqual([]);
    expect(firing.maxConcurrent).toBe(2);
  });

  it('resolves wake() once a pass that began after it has finished', async () => {
    const firing = new FakeFiring();
    loop = loopWith(firing);
    loop.onApplicationBootstrap();
    await sleep(20);
    firing.timers = [Date.now() - 1];
    await loop.wake();
    expect(firing.timers).toEqual([]);
  });

  it('fires nothing while incident events wait to be handled, and fires once they are', async () => {
    const firing = new FakeFiring();
    firing.timers = [Date.now() - 60_000];
    const watch = new FakeWatch();
    watch.open = false;
    loop = loopWith(firing, watch);
    loop.onApplicationBootstrap();
    await sleep(300);
    expect(firing.passes).toBe(0);
    expect(firing.timers).toHaveLength(1);
    watch.open = true;
    await loop.wake();
    expect(firing.timers).toEqual([]);
  });
});
