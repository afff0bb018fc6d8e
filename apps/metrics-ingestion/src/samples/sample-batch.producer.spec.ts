import type { EventBus, OutgoingRecord } from '@underpin/messaging';
import type { ServiceRuntime } from '@underpin/platform';
import { MAX_SEND_BYTES, SampleBatchProducer } from './sample-batch.producer';

const record = (key: string, n: number): OutgoingRecord => ({ topic: 'metrics.samples.v1', key, value: `${key}#${n}`, headers: {} });

/** A bus whose sends wait until the spec acknowledges or fails them. */
function heldBus() {
  const sends: Array<{ records: OutgoingRecord[]; ack(): void; fail(error: Error): void }> = [];
  const bus = {
    publishRecords: (records: OutgoingRecord[]) =>
      new Promise<void>((resolve, reject) => {
        sends.push({ records, ack: resolve, fail: reject });
      }),
  } as unknown as EventBus;
  return { sends, runtime: { bus, now: Date.now } as unknown as ServiceRuntime };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe(SampleBatchProducer.name, () => {
  it('sends what requests queued during a send in one next send, in order, and settles each once acknowledged', async () => {
    const { sends, runtime } = heldBus();
    const producer = new SampleBatchProducer(runtime);
    const outcomes: string[] = [];
    const a = producer.send([record('s:eu', 1), record('s:eu', 2)]).then(() => outcomes.push('a'));
    const b = producer.send([record('s:eu', 3)]).then(() => outcomes.push('b'));
    const c = producer.send([record('s:us', 1)]).then(() => outcomes.push('c'));
    await settled();
    expect(sends.map((s) => s.records.map((r) => r.value))).toEqual([['s:eu#1', 's:eu#2']]);
    sends[0].ack();
    await settled();
    expect(outcomes).toEqual(['a']);
    expect(sends.map((s) => s.records.map((r) => r.value))).toEqual([['s:eu#1', 's:eu#2'], ['s:eu#3', 's:us#1']]);
    sends[1].ack();
    await Promise.all([a, b, c]);
    expect(outcomes).toEqual(['a', 'b', 'c']);
  });

  it('keeps every send under MAX_SEND_BYTES, cutting a large request across sends in its order', async () => {
    const { sends, runtime } = heldBus();
    const producer = new SampleBatchProducer(runtime);
    const big = (key: string, n: number): OutgoingRecord => ({ ...record(key, n), value: `${key}#${n}`.padEnd(400 * 1024, ' ') });
    let bigDone = false;
    const large = producer.send([big('s:eu', 1), big('s:eu', 2), big('s:eu', 3), big('s:eu', 4)]).then(() => (bigDone = true));
    const small = producer.send([record('s:us', 1)]);
    await settled();
    sends[0].ack();
    await settled();
    expect(bigDone).toBe(false);
    sends[1].ack();
    await Promise.all([large, small]);
    expect(sends.map((s) => s.records.map((r) => String(r.value).trim()))).toEqual([
      ['s:eu#1', 's:eu#2'],
      ['s:eu#3', 's:eu#4', 's:us#1'],
    ]);
    for (const send of sends) expect(send.records.reduce((sum, r) => sum + String(r.value).length, 0)).toBeLessThanOrEqual(MAX_SEND_BYTES);
  });

  it('fails every request of a failed send, and goes on with the next', async () => {
    const { sends, runtime } = heldBus();
    const producer = new SampleBatchProducer(runtime);
    const first = producer.send([record('s:eu', 1)]);
    const second = producer.send([record('s:eu', 2)]);
    const third = producer.send([record('s:eu', 3)]);
    await settled();
    sends[0].ack();
    await settled();
    sends[1].fail(new Error('broker away'));
    await expect(second).rejects.toThrow('broker away');
    await expect(third).rejects.toThrow('broker away');
    await expect(first).resolves.toBeUndefined();
    const fourth = producer.send([record('s:eu', 4)]);
    await settled();
    expect(sends).toHaveLength(3);
    sends[2].ack();
    await expect(fourth).resolves.toBeUndefined();
  });
});
