import { readCliConfig } from './config/cli.config';
import { checkKnownTopic, parseDeadLettersArgs, parsePositions, resolveBrokers, resolveNamespace } from './dead-letters-args.util';

const config = readCliConfig({});
const parse = (...args: string[]) => parseDeadLettersArgs(args, config);

describe(parseDeadLettersArgs.name, () => {
  it('reads list options, taking the original topic even when given its .dlq name', () => {
    expect(parse('list', '--topic', 'incidents.events.v1.dlq', '--group', 'sla', '--reason', 'handler-failed', '--limit', '20', '--json')).toEqual({
      action: 'list',
      options: { brokers: ['127.0.0.1:9092'], namespace: '', topic: 'incidents.events.v1', group: 'sla', reason: 'handler-failed', limit: 20, json: true },
    });
    expect(parse('list')).toEqual({ action: 'list', options: { brokers: ['127.0.0.1:9092'], namespace: '', topic: undefined, group: undefined, reason: undefined, limit: undefined, json: false } });
  });

  it('reads replay options, with repeated and comma-separated --offset', () => {
    expect(parse('replay', '--topic', 't', '--offset', '0@7', '--offset', '1@007,0@12', '--dry-run', '--include-invalid')).toEqual({
      action: 'replay',
      options: {
        brokers: ['127.0.0.1:9092'],
        namespace: '',
        topic: 't',
        positions: [
          { partition: 0, offset: '7' },
          { partition: 1, offset: '7' },
          { partition: 0, offset: '12' },
        ],
        group: undefined,
        reason: undefined,
        includeInvalid: true,
        dryRun: true,
      },
    });
    expect(parse('replay', '--topic', 't', '--all', '--reason', 'handler-failed')).toMatchObject({ options: { positions: undefined, reason: 'handler-failed' } });
  });

  it.each([
    [[], 'give a subcommand first: list or replay'],
    [['--topic', 't'], 'give a subcommand first: list or replay'],
    [['lsit'], 'unknown subcommand "lsit" (did you mean "list"?); subcommands: list, replay'],
    [['list', '--offset', '0@1'], 'unknown option --offset'],
    [['list', 'extra'], 'unexpected argument "extra"'],
    [['list', '--limit', '0'], '--limit "0" must be a whole number of at least 1'],
    [['list', '--limit', 'ten'], '--limit "ten" must be a whole number of at least 1'],
    [['list', '--reason', 'handler-failure'], '--reason "handler-failure" is not a reason (did you mean "handler-failed"?); reasons: invalid-envelope, unknown-event, invalid-payload, key-mismatch, handler-failed'],
    [['list', '--topic'], 'option --topic needs a value'],
    [['replay', '--all'], '--topic is required'],
    [['replay', '--topic', 't'], 'replay needs --offset <partition>@<offset> or --all'],
    [['replay', '--topic', 't', '--all', '--offset', '0@1'], 'give --offset or --all, not both'],
    [['replay', '--topic', 't', '--offset', '0:1'], '--offset "0:1" must be <partition>@<offset> of the .dlq topic, like 0@17'],
    [['replay', '--topic', 't', '--all', '--json'], 'unknown option --json'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parse(...args)).toThrow(message);
  });
});

describe(resolveNamespace.name, () => {
  it('prefers --namespace, then KAFKA_NAMESPACE, then none', () => {
    expect(resolveNamespace('ci-1', readCliConfig({ KAFKA_NAMESPACE: 'staging' }))).toBe('ci-1');
    expect(resolveNamespace(undefined, readCliConfig({ KAFKA_NAMESPACE: 'staging' }))).toBe('staging');
    expect(resolveNamespace(undefined, readCliConfig({}))).toBe('');
    expect(parse('list', '--namespace', 'staging.eu')).toMatchObject({ options: { namespace: 'staging.eu' } });
  });

  it('names the source of a namespace that cannot prefix a topic', () => {
    expect(() => resolveNamespace('a b', readCliConfig({}))).toThrow('--namespace must be letters, digits, "_" and "-" in parts separated by single dots, got "a b"');
    expect(() => resolveNamespace(undefined, readCliConfig({ KAFKA_NAMESPACE: 'a..b' }))).toThrow('KAFKA_NAMESPACE must be letters, digits');
  });
});

describe(resolveBrokers.name, () => {
  it('prefers --brokers, then KAFKA_BROKERS, then the local default', () => {
    expect(resolveBrokers('a:1, b:2', readCliConfig({ KAFKA_BROKERS: 'c:3' }))).toEqual(['a:1', 'b:2']);
    expect(resolveBrokers(undefined, readCliConfig({ KAFKA_BROKERS: 'c:3' }))).toEqual(['c:3']);
    expect(resolveBrokers(undefined, readCliConfig({}))).toEqual(['127.0.0.1:9092']);
  });

  it('names where a malformed list came from', () => {
    expect(() => resolveBrokers('kafka', readCliConfig({}))).toThrow('--brokers "kafka" must be host:port, or several separated by commas');
    expect(() => resolveBrokers(undefined, readCliConfig({ KAFKA_BROKERS: 'a:1;b:2' }))).toThrow('KAFKA_BROKERS "a:1;b:2" must be host:port');
  });
});

describe(parsePositions.name, () => {
  it('keeps offsets beyond 2^53 exact and each position once', () => {
    expect(parsePositions(['0@9007199254740993', '0@9007199254740993'])).toEqual([{ partition: 0, offset: '9007199254740993' }]);
  });
});

describe(checkKnownTopic.name, () => {
  it('accepts a known topic', () => {
    expect(() => checkKnownTopic('incidents.events.v1', ['metric.samples.v1', 'incidents.events.v1'])).not.toThrow();
  });

  it('suggests the closest topic and names the known ones', () => {
    expect(() => checkKnownTopic('incidents.event.v1', ['metric.samples.v1', 'incidents.events.v1'])).toThrow(
      'unknown topic "incidents.event.v1" (did you mean "incidents.events.v1"?); known topics: incidents.events.v1, metric.samples.v1',
    );
  });

  it('names ten topics at most', () => {
    const known = Array.from({ length: 13 }, (_, i) => `topic-${String(i).padStart(2, '0')}`);
    expect(() => checkKnownTopic('zzz', known)).toThrow(/known topics: topic-00, .*, topic-09 and 3 more$/);
  });
});
