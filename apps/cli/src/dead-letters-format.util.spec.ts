import type { StoredDeadLetter } from '@underpin/messaging';
import { deadLetterJson, deadLetterLine, listSummary, parseDeadLetterJson, refusedLine, replayedLine, replaySummary, wouldReplayLine } from './dead-letters-format.util';

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
    headers: { traceparent: 'tp' },
    ...overrides,
  };
}

describe(deadLetterLine.name, () => {
  it('prints one dead letter on one line', () => {
    expect(deadLetterLine(stored())).toBe(
      'incidents.events.v1.dlq/0@7  2026-03-01T10:00:00.000Z  handler-failed  incidents.events.v1/3@42  group sla-evaluation  attempts 5  event e-1 incident.opened  — Error: boom',
    );
  });

  it('says unreadable for a value that is not an envelope, and keeps a multi-line error on the line', () => {
    const line = deadLetterLine(stored({ reason: 'invalid-envelope', value: new Uint8Array(Buffer.from('garbage')), attempts: 0, error: 'invalid-envelope: \n  at line 1\n' }));
    expect(line).toBe(
      'incidents.events.v1.dlq/0@7  2026-03-01T10:00:00.000Z  invalid-envelope  incidents.events.v1/3@42  group sla-evaluation  attempts 0  event unreadable  — invalid-envelope: at line 1',
    );
  });

  it('shows - for what a foreign record does not say', () => {
    expect(deadLetterLine(stored({ failedAt: '', group: '', error: '', value: null }))).toContain('  -  handler-failed  incidents.events.v1/3@42  group -  attempts 5  event unreadable  — -');
  });
});

describe('JSON Lines', () => {
  it('carries every field with the value in base64, and reads back to the same dead letter', () => {
    const deadLetter = stored({ value: new Uint8Array([0, 255, 10, 123]) });
    const line = deadLetterJson(deadLetter);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
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
      value: 'AP8Kew==',
      headers: { traceparent: 'tp' },
    });
    expect(parseDeadLetterJson(line)).toEqual(deadLetter);
    expect(parseDeadLetterJson(deadLetterJson(stored({ value: null, key: null })))).toEqual(stored({ value: null, key: null }));
  });

  it('refuses a line that is not a dead letter', () => {
    expect(() => parseDeadLetterJson('{"id":"e-1"}')).toThrow('not a dead letter');
  });
});

describe(listSummary.name, () => {
  it('counts per reason, saying when --limit hid some', () => {
    const all = [stored({ reason: 'invalid-payload' }), stored(), stored({ reason: 'invalid-payload' })];
    expect(listSummary(all, 3)).toBe('3 dead letters: 1 handler-failed, 2 invalid-payload');
    expect(listSummary(all, 1)).toBe('3 dead letters (first 1 shown): 1 handler-failed, 2 invalid-payload');
    expect(listSummary([stored()], 1)).toBe('1 dead letter: 1 handler-failed');
    expect(listSummary([], 0)).toBe('no dead letters');
  });
});

describe('replay lines', () => {
  it('say what was replayed where, what would be, and what was refused and why', () => {
    expect(replayedLine({ deadLetter: stored(), partition: 3, offset: '99' })).toBe('replayed  incidents.events.v1.dlq/0@7  →  incidents.events.v1/3@99  event e-1 incident.opened');
    expect(wouldReplayLine(stored())).toBe('would replay  incidents.events.v1.dlq/0@7  →  incidents.events.v1  event e-1 incident.opened');
    expect(refusedLine(stored({ reason: 'invalid-payload' }))).toBe(
      'refused  incidents.events.v1.dlq/0@7  invalid-payload is a contract violation: every consumer rejects the record again; fix its producer, or pass --include-invalid if the consumers now accept it',
    );
    expect(refusedLine(stored({ reason: 'key-mismatch' }))).toBe(
      "refused  incidents.events.v1.dlq/0@7  key-mismatch is a contract violation: a replay keeps the record's key, which is not its event's, so every consumer rejects it again; fix its producer and have it publish the event again",
    );
    expect(refusedLine(stored({ reason: 'stale' as never }))).toContain('reason "stale" is not known to succeed on a second try');
    expect(replaySummary('t', 1, 2, false)).toBe('replayed 1 dead letter to t; refused 2 (see above)');
    expect(replaySummary('t', 0, 0, true)).toBe('would replay 0 dead letters to t');
  });
});
