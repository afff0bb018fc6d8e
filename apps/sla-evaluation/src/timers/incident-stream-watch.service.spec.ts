import { Logger } from '@nestjs/common';
import type { EventBus, PartitionPosition } from '@underpin/messaging';
import type { ServiceRuntime } from '@underpin/platform';
import { IncidentStreamWatchService } from './incident-stream-watch.service';

/** A bus whose group positions the test sets; the wall clock is the test's too. */
function setUp(timeoutMs = 60_000) {
  let positions: PartitionPosition[] = [];
  let failing = false;
  let now = 0;
  const reads = { count: 0 };
  const bus = {
    groupPositions: async () => {
      reads.count += 1;
      if (failing) throw new Error('broker unreachable');
      return positions.map((p) => ({ ...p }));
    },
  } as unknown as EventBus;
  const watch = new IncidentStreamWatchService({ bus } as unknown as ServiceRuntime, { alertHistoryMs: 0, catchUpTimeoutMs: timeoutMs, incidentBatchSize: 500 }, () => now);
  return {
    watch,
    set: (next: Array<[end: number, position: number]>) => (positions = next.map(([end, position], partition) => ({ partition, end, position }))),
    advance: (ms: number) => (now += ms),
    fail: (value: boolean) => (failing = value),
    reads,
  };
}

describe(IncidentStreamWatchService.name, () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('holds timers at start-up until the group has handled what was written before', async () => {
    const t = setUp();
    t.set([
      [10, 4],
      [5, 5],
    ]);
    expect(await t.watch.mayFire()).toBe(false);
    expect(t.watch.caughtUp()).toBe(false);
    // Events written since start-up are not waited for.
    t.set([
      [30, 10],
      [9, 5],
    ]);
    t.advance(100);
    expect(await t.watch.mayFire()).toBe(true);
    expect(t.watch.caughtUp()).toBe(true);
  });

  it('lets timers fire at once when nothing waits', async () => {
    const t = setUp();
    t.set([[7, 7]]);
    expect(await t.watch.mayFire()).toBe(true);
  });

  it('waits again when the group stalls with events waiting, and when it falls far behind', async () => {
    const t = setUp();
    t.set([[7, 7]]);
    expect(await t.watch.mayFire()).toBe(true);
    t.set([[9, 7]]);
    t.advance(1_000);
    expect(await t.watch.mayFire()).toBe(true); // live traffic: one look, some waiting
    t.set([[12, 7]]);
    t.advance(1_000);
    expect(await t.watch.mayFire()).toBe(false); // no progress between two looks: a stall
    t.set([[14, 12]]);
    t.advance(100);
    expect(await t.watch.mayFire()).toBe(true); // up to what was written when the stall was seen
    t.set([[700, 14]]);
    t.advance(1_000);
    expect(await t.watch.mayFire()).toBe(false);
  });

  it('gives up waiting after the timeout, and does not wait for the same stall twice', async () => {
    const t = setUp(5_000);
    t.set([[10, 2]]);
    expect(await t.watch.mayFire()).toBe(false);
    t.advance(4_000);
    expect(await t.watch.mayFire()).toBe(false);
    t.advance(1_500);
    expect(await t.watch.mayFire()).toBe(true);
    t.advance(1_000);
    expect(await t.watch.mayFire()).toBe(true);
    t.advance(1_000);
    expect(await t.watch.mayFire()).toBe(true);
  });

  it('lets timers fire when the positions cannot be read and no wait is under way', async () => {
    const t = setUp();
    t.fail(true);
    expect(await t.watch.mayFire()).toBe(true);
  });

  it('reads the positions at most once a second while nothing is awaited', async () => {
    const t = setUp();
    t.set([[3, 3]]);
    expect(await t.watch.mayFire()).toBe(true);
    t.advance(500);
    expect(await t.watch.mayFire()).toBe(true);
    expect(t.reads.count).toBe(1);
    t.advance(500);
    expect(await t.watch.mayFire()).toBe(true);
    expect(t.reads.count).toBe(2);
  });
});
