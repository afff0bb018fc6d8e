import { compareStored, formatLocation, matchesDeadLetter, peekEvent, replayableByDefault, replayRecord, type StoredDeadLetter } from './dead-letter-replay.util';

function stored(overrides: Partial<StoredDeadLetter> = {}): StoredDeadLetter {
  return {
    dlq: { topic: 'incidents.events.v1.dlq', partition: 0, offset: '7' },
    reason: 'handler-failed',
    error: 'Error: boom',
    topic: 'incidents.events.v1',
    partition: 3,
    offset: '42',
    group: 'sla-evaluation',
    attempts: 5,
    failedAt: '2026-03-01T10:00:00.000Z',
    key: 'INC-1',
    value: new Uint8Array(Buffer.from('{"id":"e-1","type":"incident.opened"}')),
    headers: { traceparent: 'tp', 'dlq-replayed-from': 'incidents.events.v1.dlq/0@2', 'dlq-replayed-at': '2026-02-01T00:00:00.000Z' },
    ...overrides,
  };
}

describe('replayRecord', () => {
  const at = new Date(Date.UTC(2026, 2, 2, 8, 30));

  it('sends the original key, bytes and headers back to the original topic, saying where from and when', () => {
    const record = replayRecord(stored(), at);
    expect(record).toEqual({
      topic: 'incidents.events.v1',
      key: 'INC-1',
      value: Buffer.from('{"id":"e-1","type":"incident.opened"}'),
      headers: { traceparent: 'tp', 'dlq-replayed-from': 'incidents.events.v1.dlq/0@7', 'dlq-replayed-at': '2026-03-02T08:30:00.000Z' },
    });
  });

  it('drops every dlq-* header of earlier failures and sends a missing value as no bytes', () => {
    const record = replayRecord(stored({ value: null, key: null, headers: { 'dlq-reason': 'x', 'dlq-anything': 'y', origin: 'test' } }), at);
    expect(Object.keys(record.headers).sort()).toEqual(['dlq-replayed-at', 'dlq-replayed-from', 'origin']);
    expect(record.value).toEqual(Buffer.alloc(0));
    expect(record.key).toBeNull();
  });
});

describe('peekEvent', () => {
  it('reads id and type from a JSON envelope, even one whose payload broke the contract', () => {
    expect(peekEvent(new Uint8Array(Buffer.from('{"id":"e-1","type":"t","payload":{"seq":-1}}')))).toEqual({ id: 'e-1', type: 't' });
  });

  it.each([
    ['not JSON', Buffer.from('{"id":')],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x7b])],
    ['an array', Buffer.from('[1]')],
    ['without a type', Buffer.from('{"id":"e-1"}')],
    ['empty', Buffer.alloc(0)],
  ])('gives undefined for a value that is %s', (_what, bytes) => {
    expect(peekEvent(new Uint8Array(bytes))).toBeUndefined();
  });

  it('gives undefined for no value', () => {
    expect(peekEvent(null)).toBeUndefined();
  });
});

describe('dead-letter selection', () => {
  it('replays only handler failures by default', () => {
    expect(['handler-failed', 'invalid-envelope', 'unknown-event', 'invalid-payload', 'key-mismatch', 'stale'].filter(replayableByDefault)).toEqual(['handler-failed']);
  });

  it('matches on group and reason when given', () => {
    expect(matchesDeadLetter(stored(), {})).toBe(true);
    expect(matchesDeadLetter(stored(), { group: 'sla-evaluation', reason: 'handler-failed' })).toBe(true);
    expect(matchesDeadLetter(stored(), { group: 'credits' })).toBe(false);
    expect(matchesDeadLetter(stored(), { reason: 'invalid-payload' })).toBe(false);
  });

  it('orders by topic, partition and numeric offset', () => {
    const at = (topic: string, partition: number, offset: string) => stored({ dlq: { topic, partition, offset } });
    const sorted = [at('b.dlq', 0, '1'), at('a.dlq', 1, '0'), at('a.dlq', 0, '10'), at('a.dlq', 0, '9')].sort(compareStored);
    expect(sorted.map((deadLetter) => formatLocation(deadLetter.dlq))).toEqual(['a.dlq/0@9', 'a.dlq/0@10', 'a.dlq/1@0', 'b.dlq/0@1']);
  });
});
