import type { MessagingLogger, SqlRunner } from '@underpin/messaging';
import type { RetentionRule } from './retention-rule.type';
import { RetentionSweepService, type RetentionSweepOptions } from './retention-sweep.service';

const NO_SQL: SqlRunner = { query: async () => [] };

/** A rule over `rows` rows that deletes up to `limit` per call and records each call. */
function countingRule(name: string, rows: number) {
  let left = rows;
  const calls: Array<{ now: Date; limit: number }> = [];
  const rule: RetentionRule = {
    name,
    deleteBatch: async (_sql, now, limit) => {
      calls.push({ now, limit });
      const n = Math.min(left, limit);
      left -= n;
      return n;
    },
  };
  return { rule, calls, left: () => left };
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const logger: MessagingLogger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

function sweepOf(rules: RetentionRule[], options: Partial<RetentionSweepOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const sweep = new RetentionSweepService(NO_SQL, rules, { intervalMs: 3_600_000, batchSize: 10, now: () => Date.parse('2026-03-02T08:00:00Z'), logger, ...options });
  return { sweep, lines };
}

describe(RetentionSweepService.name, () => {
  afterEach(() => jest.useRealTimers());

  it('deletes in batches of at most batchSize until a batch comes back short, rule after rule', async () => {
    const a = countingRule('processed_events', 25);
    const b = countingRule('deliveries', 10);
    const { sweep, lines } = sweepOf([a.rule, b.rule]);

    const outcomes = await sweep.sweepOnce();

    expect(outcomes).toEqual([
      { rule: 'processed_events', deleted: 25, batches: 3, unfinished: false },
      // A full last batch may have left rows behind: one more statement tells.
      { rule: 'deliveries', deleted: 10, batches: 2, unfinished: false },
    ]);
    expect(a.calls.map((c) => c.limit)).toEqual([10, 10, 10]);
    expect(lines).toEqual([{ level: 'info', message: expect.stringMatching(/^retention sweep deleted 25 processed_events, 10 deliveries in \d+\.\d s$/), fields: undefined }]);
  });

  it('gives every rule of one sweep the same cutoff instant, from the service clock', async () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const a = countingRule('a', 15);
    const b = countingRule('b', 1);
    const { sweep } = sweepOf([a.rule, b.rule], { now: () => clock++ });

    await sweep.sweepOnce();

    const instants = [...a.calls, ...b.calls].map((c) => c.now.toISOString());
    expect(new Set(instants)).toEqual(new Set(['2026-03-02T08:00:00.000Z']));
  });

  it('says nothing when there was nothing to delete', async () => {
    const { sweep, lines } = sweepOf([countingRule('a', 0).rule]);
    expect(await sweep.sweepOnce()).toEqual([{ rule: 'a', deleted: 0, batches: 1, unfinished: false }]);
    expect(lines).toEqual([]);
  });

  it('leaves a huge backlog to the next sweep after maxBatchesPerRule statements', async () => {
    const a = countingRule('a', 1_000);
    const { sweep, lines } = sweepOf([a.rule], { maxBatchesPerRule: 3 });

    expect(await sweep.sweepOnce()).toEqual([{ rule: 'a', deleted: 30, batches: 3, unfinished: true }]);
    expect(a.left()).toBe(970);
    expect(lines[0]?.message).toMatch(/^retention sweep deleted 30 a \(more left for the next sweep\) in /);
  });

  it('logs a failing rule, keeps what it deleted, and goes on with the next rule', async () => {
    let calls = 0;
    const failing: RetentionRule = {
      name: 'broken',
      deleteBatch: async (_sql, _now, limit) => {
        calls += 1;
        if (calls === 2) throw new Error('connection terminated unexpectedly');
        return limit;
      },
    };
    const next = countingRule('next', 3);
    const { sweep, lines } = sweepOf([failing, next.rule]);

    const outcomes = await sweep.sweepOnce();

    expect(outcomes).toEqual([
      { rule: 'broken', deleted: 10, batches: 1, unfinished: false, error: 'Error: connection terminated unexpectedly' },
      { rule: 'next', deleted: 3, batches: 1, unfinished: false },
    ]);
    expect(lines).toContainEqual({
      level: 'warn',
      message: 'retention rule broken failed; retrying at the next sweep',
      fields: { deleted: 10, error: 'Error: connection terminated unexpectedly' },
    });
  });

  it('joins a sweep in progress instead of starting a second one', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const slow: RetentionRule = {
      name: 'slow',
      deleteBatch: () => {
        calls += 1;
        return new Promise((resolve) => (release = () => resolve(0)));
      },
    };
    const { sweep } = sweepOf([slow]);

    const first = sweep.sweepOnce();
    const second = sweep.sweepOnce();
    await Promise.resolve();
    release();

    expect(await first).toBe(await second);
    expect(calls).toBe(1);
  });

  it('sweeps shortly after start, then every interval, and stops with the application', async () => {
    jest.useFakeTimers();
    const a = countingRule('a', 0);
    const { sweep } = sweepOf([a.rule], { intervalMs: 60_000 });

    sweep.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(29_999);
    expect(a.calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(a.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(a.calls).toHaveLength(2);

    await sweep.onApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(a.calls).toHaveLength(2);
  });

  it('starts the first sweep after the interval when that is shorter than the usual delay', async () => {
    jest.useFakeTimers();
    const a = countingRule('a', 0);
    const { sweep } = sweepOf([a.rule], { intervalMs: 5_000 });

    sweep.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(a.calls).toHaveLength(1);
    await sweep.onApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('on shutdown, waits for the statement in flight and runs no further batch', async () => {
    let release: (n: number) => void = () => undefined;
    let calls = 0;
    const rule: RetentionRule = {
      name: 'big',
      deleteBatch: () => {
        calls += 1;
        return new Promise((resolve) => (release = resolve));
      },
    };
    const { sweep } = sweepOf([rule, countingRule('after', 5).rule]);

    const outcomes = sweep.sweepOnce();
    await Promise.resolve();
    const stopping = sweep.onApplicationShutdown();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release(10);
    await stopping;

    expect(calls).toBe(1);
    expect(await outcomes).toEqual([{ rule: 'big', deleted: 10, batches: 1, unfinished: true }]);
  });

  it('refuses a batch size that would never delete anything', () => {
    expect(() => sweepOf([], { batchSize: 0 })).toThrow('retention sweep: batchSize must be an integer ≥ 1, got 0');
  });
});
