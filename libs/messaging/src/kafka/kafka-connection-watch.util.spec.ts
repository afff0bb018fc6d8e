import { type LogEntry, logLevel } from 'kafkajs';
import type { MessagingLogger } from '../core/messaging-logger.type';
import { KafkaConnectionWatch } from './kafka-connection-watch.util';

function watch() {
  const lines: string[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  const logger: MessagingLogger = { info: line('info'), warn: line('warn'), error: line('error') };
  let now = 1_000_000;
  const subject = new KafkaConnectionWatch(logger, () => now);
  const log = subject.logCreator(logLevel.WARN);
  const kafkajs = (namespace: string, message: string, fields: Record<string, unknown> = {}, level = logLevel.ERROR) =>
    log({ namespace, level, label: 'ERROR', log: { timestamp: new Date(now).toISOString(), logger: 'kafkajs', message, ...fields } } as LogEntry);
  return { subject, lines, kafkajs, advance: (ms: number) => (now += ms) };
}

const refused = (broker: string) => ({ broker, clientId: 'incidents', stack: `Error: connect ECONNREFUSED ${broker}\n    at TCPConnectWrap.afterConnect (node:net:1611:16)` });

describe(KafkaConnectionWatch.name, () => {
  it('makes an outage of a broker one warning when it starts and one line when it answers again', () => {
    const { subject, lines, kafkajs, advance } = watch();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      kafkajs('Connection', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', refused('127.0.0.1:9092'));
      kafkajs('BrokerPool', 'Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 127.0.0.1:9092', { retryCount: attempt % 6, retryTime: 300 });
      advance(250);
    }
    kafkajs('Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded: Connection error: connect ECONNREFUSED 127.0.0.1:9092', { groupId: 'g', retryCount: 5, stack: 'KafkaJSNumberOfRetriesExceeded\n    at …' });
    expect(subject.down).toBe(true);
    subject.answered('127.0.0.1:9092');
    subject.answered('127.0.0.1:9092');
    expect(subject.down).toBe(false);
    expect(lines).toEqual([
      'warn lost the connection to Kafka broker 127.0.0.1:9092; retrying until it answers {"cause":"Connection error: connect ECONNREFUSED 127.0.0.1:9092"}',
      'info connection to Kafka broker 127.0.0.1:9092 back after 25.0 s {"failedAttempts":201}',
    ]);
  });

  it('tells the failures of its callers that only say the brokers are away, and notes them', () => {
    const { subject, lines, advance } = watch();
    const refusedError = Object.assign(new Error('Connection error: connect ECONNREFUSED 10.0.0.1:9092'), { name: 'KafkaJSConnectionError', broker: '10.0.0.1:9092' });
    const retriesExceeded = Object.assign(new Error(refusedError.message), { name: 'KafkaJSNumberOfRetriesExceeded', cause: refusedError });
    expect(subject.absorbs(retriesExceeded)).toBe(true);
    expect(subject.absorbs(new Error('Connection error: connect ECONNREFUSED 10.0.0.1:9092'))).toBe(true);
    expect(subject.absorbs(Object.assign(new Error('Topic authorization failed'), { name: 'KafkaJSProtocolError' }))).toBe(false);
    advance(3_000);
    subject.answered('10.0.0.2:9092');
    expect(subject.down).toBe(true);
    subject.answered('10.0.0.1:9092');
    expect(lines).toEqual([
      'warn lost the connection to Kafka broker 10.0.0.1:9092; retrying until it answers {"cause":"KafkaJSConnectionError: Connection error: connect ECONNREFUSED 10.0.0.1:9092"}',
      'info connection to Kafka broker 10.0.0.1:9092 back after 3.0 s {"failedAttempts":2}',
    ]);
  });

  it('notes a failure no broker is named in against the brokers, and clears it when any answers', () => {
    const { subject, lines, advance } = watch();
    expect(subject.absorbs(new Error('KafkaJSNonRetriableError: Connection error: getaddrinfo ENOTFOUND kafka'))).toBe(true);
    advance(1_500);
    subject.answered('10.0.0.2:9092');
    expect(lines).toEqual([expect.stringMatching(/^warn lost the connection to Kafka brokers; retrying until it answers/), 'info connection to Kafka brokers back after 1.5 s {"failedAttempts":1}']);
  });

  it('logs what else kafkajs warns of in one line, without its stack, and drops retry reports and failed responses', () => {
    const { lines, kafkajs } = watch();
    kafkajs('Connection', 'Response InitProducerId(key: 22, version: 1)', { broker: '127.0.0.1:9092', error: "The coordinator is loading and hence can't process requests", correlationId: 2 });
    kafkajs('Producer', 'Failed to send messages: This server is not the leader for that topic-partition', { retryCount: 1, retryTime: 400 });
    kafkajs('Producer', 'Limiting retries for the idempotent producer may invalidate EoS guarantees', {}, logLevel.WARN);
    kafkajs('Runner', 'The group is rebalancing, re-joining', { groupId: 'g', memberId: 'm', error: 'The group is rebalancing, so a rejoin is needed', stack: 'KafkaJSProtocolError\n    at …' }, logLevel.WARN);
    expect(lines).toEqual(['warn kafkajs: The group is rebalancing, re-joining {"groupId":"g","memberId":"m","error":"The group is rebalancing, so a rejoin is needed"}']);
  });
});
