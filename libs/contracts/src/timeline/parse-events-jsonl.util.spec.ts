import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETINGS_EXAMPLE_DIR } from '@underpin/testing';
import { formatProblems } from '../catalog/format-problems.util';
import { MAX_LISTED_PROBLEMS, parseEventsJsonl } from './parse-events-jsonl.util';

const MEETINGS_DIR = MEETINGS_EXAMPLE_DIR;

describe(parseEventsJsonl.name, () => {
  it('parses every line of the meetings incidents', () => {
    const text = readFileSync(join(MEETINGS_DIR, 'incidents.jsonl'), 'utf8');
    const result = parseEventsJsonl(text, 'incidents.jsonl');
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.events).toHaveLength(text.split('\n').filter((line) => line.trim() !== '').length);
    expect(result.events[0]).toEqual({
      type: 'incident.opened',
      at: Date.UTC(2026, 2, 3, 8, 12),
      incident: 'INC-1001',
      service: 'video-meetings',
      customer: 'acme',
      region: 'eu-north',
      impact: 'high',
      urgency: 'high',
      title: 'Nobody in Stockholm can join meetings',
      assignee: 'service-desk',
    });
    expect(result.events.filter((e) => e.type === 'incident.resolved').map((e) => 'incident' in e && e.incident)).toEqual([
      'INC-1001',
      'INC-1002',
      'INC-1003',
    ]);
    expect(result.events.find((e) => e.type === 'incident.paused' && e.incident === 'INC-1003')).toMatchObject({
      reason: 'awaiting-vendor',
      at: Date.UTC(2026, 2, 8, 0, 0),
    });
  });

  it('parses probes and call-quality samples, skipping blank lines and CRLF endings', () => {
    const text = [
      '{"type":"probe","at":"2026-03-02T08:00:00Z","service":"video-meetings","region":"eu-north","ok":false}',
      '',
      '{"type":"call.quality","at":"2026-03-02T08:00:10Z","service":"video-meetings","region":"eu-west","call":"c-77","latencyMs":212,"lossPercent":0.4,"intervalSeconds":10,"mos":4.1,"setupFailed":false}',
      '   ',
    ].join('\r\n');
    const result = parseEventsJsonl(text, 'samples.jsonl');
    expect(result).toEqual({
      ok: true,
      events: [
        { type: 'probe', at: Date.UTC(2026, 2, 2, 8), service: 'video-meetings', region: 'eu-north', ok: false },
        {
          type: 'call.quality',
          at: Date.UTC(2026, 2, 2, 8, 0, 10),
          service: 'video-meetings',
          region: 'eu-west',
          call: 'c-77',
          latencyMs: 212,
          lossPercent: 0.4,
          intervalSeconds: 10,
          mos: 4.1,
          setupFailed: false,
        },
      ],
    });
  });

  it('reports every bad line by line number, field and column, and returns no events', () => {
    const text = [
      '{"type":"incident.opened","at":"2026-03-02T08:05:00+01:00","incident":"INC-1","service":"v","customer":"acme","impact":"high","urgency":"high"}',
      '{"type":"incident.opened","at":"2026-03-02T08:05:00","incident":"INC-2","service":"v","customer":"acme","impact":"hihg","urgency":"high","asignee":"desk"}',
      '',
      '{"type":"incident.handover","at":"2026-03-02T09:00:00Z","incident":"INC-1"',
      '{"type":"incident.handoff","at":"2026-03-02T09:00:00Z","incident":"INC-1","to":"netops"}',
      '{"type":"probe","at":"2026-03-02T09:00:00Z","service":"v","region":"eu","ok":"yes"}',
      '[1,2]',
      '{"at":"2026-03-02T09:00:00Z","incident":"INC-1"}',
      '{"type":"call.quality","at":"2026-03-02T09:00:00Z","service":"v","region":"eu","call":"c","lossPercent":140}',
    ].join('\n');
    const result = parseEventsJsonl(text, 'events.jsonl');
    if (result.ok) throw new Error('expected problems');
    expect(formatProblems(result.problems).split('\n')).toEqual([
      'events.jsonl:2:27 at: expected an ISO-8601 instant with its offset, like "2026-03-02T08:05:00+01:00"',
      'events.jsonl:2:105 impact: expected "high", "medium" or "low"',
      'events.jsonl:2:138 asignee: unknown field for incident.opened (did you mean "assignee"?)',
      "events.jsonl:4:75: not valid JSON: Expected ',' or '}' after property value",
      'events.jsonl:5:2 type: unknown event type "incident.handoff" (did you mean "incident.handover"?)',
      'events.jsonl:6:73 ok: expected true or false',
      'events.jsonl:7:1: expected a JSON object with "type" and "at"',
      'events.jsonl:8:1 type: is required; expected one of incident.opened, incident.acknowledged, incident.handover, incident.paused, incident.resumed, incident.resolved, incident.reopened, incident.closed, incident.reprioritized, probe, call.quality',
      'events.jsonl:9:91 lossPercent: expected a number from 0 to 100',
    ]);
  });

  it('applies the incident field limits of the event contract to incident lines', () => {
    const reason = 'x'.repeat(900 * 1024);
    const text = [
      `{"type":"incident.paused","at":"2026-03-02T09:00:00Z","incident":"INC-1","reason":"${reason}"}`,
      '{"type":"incident.handover","at":"2026-03-02T09:00:00Z","incident":"INC 1","to":"net ops"}',
      `{"type":"incident.opened","at":"2026-03-02T09:00:00Z","incident":"INC-2","service":"v","customer":"acme","impact":"low","urgency":"low","title":"${'t'.repeat(2001)}"}`,
    ].join('\n');
    const result = parseEventsJsonl(text, 'events.jsonl');
    if (result.ok) throw new Error('expected problems');
    expect(formatProblems(result.problems).split('\n')).toEqual([
      `events.jsonl:1:74 reason: must have at most 100 characters, got ${reason.length}`,
      'events.jsonl:2:57 incident: must be an id: letters, digits, . _ : - and no spaces, got "INC 1"',
      'events.jsonl:2:76 to: must be an id: letters, digits, . _ : - and no spaces, got "net ops"',
      'events.jsonl:3:137 title: must have at most 2000 characters, got 2001',
    ]);
  });

  it('stops listing after the limit but says how many more there were', () => {
    const text = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, () => '{}').join('\n');
    const result = parseEventsJsonl(text, 'junk.jsonl');
    if (result.ok) throw new Error('expected problems');
    expect(result.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(result.problems[MAX_LISTED_PROBLEMS]).toEqual({ file: 'junk.jsonl', path: '', message: '1010 more problems not listed' });
  });
  it('takes a probe\'s vantage point and a state instead of ok (degraded has no ok), deriving ok from it', () => {
    const text = [
      '{"type":"probe","at":"2026-03-02T08:00:00Z","service":"v","region":"eu","state":"degraded","vantage":"stockholm-office"}',
      '{"type":"probe","at":"2026-03-02T08:01:00Z","service":"v","region":"eu","state":"down"}',
      '{"type":"probe","at":"2026-03-02T08:02:00Z","service":"v","region":"eu","ok":true,"state":"up"}',
    ].join('\n');
    expect(parseEventsJsonl(text, 'p.jsonl')).toEqual({
      ok: true,
      events: [
        { type: 'probe', at: Date.UTC(2026, 2, 2, 8), service: 'v', region: 'eu', state: 'degraded', vantage: 'stockholm-office', ok: true },
        { type: 'probe', at: Date.UTC(2026, 2, 2, 8, 1), service: 'v', region: 'eu', state: 'down', ok: false },
        { type: 'probe', at: Date.UTC(2026, 2, 2, 8, 2), service: 'v', region: 'eu', ok: true, state: 'up' },
      ],
    });
  });

  it('refuses a probe that says nothing of how it went, one whose ok and state disagree, and an unknown state', () => {
    const text = [
      '{"type":"probe","at":"2026-03-02T08:00:00Z","service":"v","region":"eu"}',
      '{"type":"probe","at":"2026-03-02T08:01:00Z","service":"v","region":"eu","ok":true,"state":"down"}',
      '{"type":"probe","at":"2026-03-02T08:02:00Z","service":"v","region":"eu","state":"flaky"}',
    ].join('\n');
    const result = parseEventsJsonl(text, 'p.jsonl');
    if (result.ok) throw new Error('expected problems');
    expect(formatProblems(result.problems).split('\n')).toEqual([
      'p.jsonl:1:1 ok: is required; expected true or false, or a "state" of "up", "down" or "degraded" instead',
      'p.jsonl:2:83 state: says "down" but ok is true; give one of them, or both agreeing (ok is false exactly when the state is down)',
      'p.jsonl:3:73 state: expected "up", "down" or "degraded"',
    ]);
  });
});
