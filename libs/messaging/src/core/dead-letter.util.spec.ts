import { deadLetterRecord, readDeadLetter } from './dead-letter.util';
import type { IncomingRecord } from './event-bus.type';

describe('deadLetterRecord', () => {
  const record: IncomingRecord = { topic: 'incidents.events.v1', partition: 3, offset: '42', key: 'INC-1', value: Buffer.from('{"bad":'), headers: { traceparent: 'x', 'dlq-reason': 'stale' } };

  it('keeps key, bytes and headers, adds the cause, and reads back', () => {
    const out = deadLetterRecord(record, { reason: 'invalid-envelope', error: 'not JSON', group: 'sla', attempts: 0, failedAt: new Date(Date.UTC(2025, 0, 1)) });
    expect(out.topic).toBe('incidents.events.v1.dlq');
    expect(out.key).toBe('INC-1');
    expect(out.value).toEqual(Buffer.from('{"bad":'));
    const back = readDeadLetter({ ...record, topic: out.topic, value: out.value as Buffer, headers: out.headers });
    expect(back).toEqual({
      reason: 'invalid-envelope',
      error: 'not JSON',
      topic: 'incidents.events.v1',
      partition: 3,
      offset: '42',
      group: 'sla',
      attempts: 0,
      failedAt: '2025-01-01T00:00:00.000Z',
      key: 'INC-1',
      value: new Uint8Array(Buffer.from('{"bad":')),
      headers: { traceparent: 'x' },
    });
  });

  it('cuts an overlong error so the record stays small', () => {
    const out = deadLetterRecord(record, { reason: 'invalid-payload', error: 'e'.repeat(10_000), group: 'g', attempts: 0, failedAt: new Date() });
    expect(out.headers['dlq-error'].length).toBe(4_001);
  });
});
