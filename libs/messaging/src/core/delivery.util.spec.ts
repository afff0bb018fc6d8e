import { createEnvelope, encodeEnvelope } from '@underpin/contracts';
import { sequenceTopic } from '../../test/support/sequence-topic.util';
import { readDeadLetter } from './dead-letter.util';
import { type DeliveryRuntime, type DeliveryTarget, deliverRecords } from './delivery.util';
import { DEFAULT_RETRY_POLICY, type IncomingRecord, type OutgoingRecord } from './event-bus.type';
import { silentLogger } from './messaging-logger.type';

const topic = sequenceTopic('test.delivery.v1', 1);

function record(offset: number, key: string | null, aggregate: string, seq: number): IncomingRecord {
  const envelope = createEnvelope(topic, 'test.step', { key: aggregate, seq }, { source: 'test' });
  return { topic: topic.name, partition: 0, offset: String(offset), key, value: Buffer.from(encodeEnvelope(envelope)), headers: {} };
}

function delivery() {
  const handled: Array<{ key: string; seq: number }> = [];
  const deadLetters: OutgoingRecord[] = [];
  const progress: string[] = [];
  const target: DeliveryTarget = { topic, group: 'effects', retry: DEFAULT_RETRY_POLICY, maxBatchSize: 500, handler: async (envelope) => void handled.push(envelope.payload as { key: string; seq: number }) };
  const runtime: DeliveryRuntime = { system: 'in-process', signal: new AbortController().signal, logger: silentLogger, deadLetter: async (records) => void deadLetters.push(...records) };
  const deliver = (records: IncomingRecord[]) => deliverRecords(records, target, runtime, (offset) => void progress.push(offset));
  const reasons = () => deadLetters.map((out) => readDeadLetter({ topic: out.topic, partition: 0, offset: '0', key: out.key, value: Buffer.from(out.value), headers: out.headers }));
  return { deliver, handled, progress, reasons };
}

describe(deliverRecords.name, () => {
  it("dead-letters a record whose key is not its envelope's, naming both, and goes on with the next", async () => {
    const { deliver, handled, progress, reasons } = delivery();
    await deliver([record(0, 'INC-1002', 'INC-1002', 1), record(1, 'INC-1002', 'INC-9999', 1), record(2, 'INC-1002', 'INC-1002', 2)]);
    expect(handled).toEqual([
      { key: 'INC-1002', seq: 1 },
      { key: 'INC-1002', seq: 2 },
    ]);
    expect(reasons()).toEqual([
      expect.objectContaining({
        reason: 'key-mismatch',
        error: `key-mismatch: the record's key "INC-1002" is not its envelope's key "INC-9999" (the sequence key)`,
        offset: '1',
        key: 'INC-1002',
        attempts: 0,
      }),
    ]);
    expect(progress[progress.length - 1]).toBe('2');
  });

  it("dead-letters a record without a key: it went to whatever partition, out of its aggregate's order", async () => {
    const { deliver, handled, reasons } = delivery();
    await deliver([record(0, null, 'INC-9999', 1)]);
    expect(handled).toEqual([]);
    expect(reasons()).toEqual([expect.objectContaining({ reason: 'key-mismatch', error: `key-mismatch: the record has no key; its envelope's key is "INC-9999" (the sequence key)` })]);
  });
});
