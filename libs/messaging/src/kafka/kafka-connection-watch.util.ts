import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { MessagingLogger } from '../core/messaging-logger.type';

/** What kafkajs and Node say when a broker cannot be reached or dropped the connection. */
const CONNECTION_FAILURE = /Connection error|Connection timeout|Closed connection|Not connected|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE/;
/** Failures kafkajs could not pin on one broker (a bootstrap that found none). */
const ANY_BROKER = '*';

interface Outage {
  since: number;
  failures: number;
}

function textOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Whether an error (or one it was caused by) is a connection failure; if so the deepest such
 * cause, and the broker it names (kafkajs' connection errors carry `host:port`; the retry
 * errors wrapping them do not).
 */
function connectionFailure(error: unknown): { broker?: string; cause: string } | undefined {
  let failure: { broker?: string; cause: string } | undefined;
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    const text = typeof current === 'string' ? current : textOf(current);
    if (CONNECTION_FAILURE.test(text)) {
      const broker = (current as { broker?: unknown }).broker;
      failure = { cause: text, broker: typeof broker === 'string' ? broker : failure?.broker };
    }
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return failure;
}

function where(broker: string): string {
  return broker === ANY_BROKER ? 'brokers' : `broker ${broker}`;
}

/**
 * What one bus says about its connection to the brokers. kafkajs reports every failed connect
 * and every retry of every client (producer, each consumer, admin), each with a stack: a
 * 25 s outage made hundreds of lines. Here an outage of a broker is one warning when it
 * starts and one line when the broker answers again, with how long it was away; what only
 * reports a retry in progress is dropped (its outcome reaches the caller, which reports it),
 * and whatever else kafkajs warns of is logged in one line, without its stack.
 */
export class KafkaConnectionWatch {
  private readonly outages = new Map<string, Outage>();

  constructor(
    readonly logger: MessagingLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** For `new Kafka({ logCreator })`: kafkajs' own log lines, sorted as the class says. */
  readonly logCreator: logCreator = () => (entry) => this.kafkaLog(entry);

  /** Some broker is out of reach now. */
  get down(): boolean {
    return this.outages.size > 0;
  }

  /** A broker answered a request (kafkajs' REQUEST event): its outage, if it had one, is over. */
  answered(broker: string): void {
    if (this.outages.size === 0) return;
    for (const key of [broker, ANY_BROKER]) {
      const outage = this.outages.get(key);
      if (outage === undefined) continue;
      this.outages.delete(key);
      const seconds = ((this.now() - outage.since) / 1000).toFixed(1);
      this.logger.info(`connection to Kafka ${where(key)} back after ${seconds} s`, { failedAttempts: outage.failures });
    }
  }

  /**
   * Whether `error` is a broker being out of reach. If so the outage is noted (and announced,
   * once) and the caller logs nothing of its own: the line saying the broker is back ends it.
   */
  absorbs(error: unknown): boolean {
    const failure = connectionFailure(error);
    if (failure === undefined) return false;
    this.lost(failure.broker, failure.cause);
    return true;
  }

  private lost(broker: string | undefined, cause: string): void {
    // A failure without a broker while one is known to be away is that outage, seen from elsewhere.
    const key = broker ?? (this.down ? [...this.outages.keys()][0] : ANY_BROKER);
    const outage = this.outages.get(key);
    if (outage !== undefined) {
      outage.failures += 1;
      return;
    }
    this.outages.set(key, { since: this.now(), failures: 1 });
    this.logger.warn(`lost the connection to Kafka ${where(key)}; retrying until it answers`, { cause });
  }

  private kafkaLog({ namespace, level, log }: LogEntry): void {
    if (level !== logLevel.ERROR && level !== logLevel.WARN) return;
    // Stacks say where in kafkajs a failure surfaced, nothing an operator can act on.
    const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...fields } = log as LogEntry['log'] & Record<string, unknown>;
    const broker = typeof fields['broker'] === 'string' ? fields['broker'] : undefined;
    if (namespace === 'Connection' && /^Connection (error|timeout)/.test(message)) {
      this.lost(broker, message);
      return;
    }
    if (this.isRetryReport(namespace, message, fields)) {
      // Counted against the outage it belongs to; a retry of anything else says nothing new.
      const failure = connectionFailure(`${message} ${String(fields['error'] ?? '')}`);
      if (failure !== undefined) this.lost(broker, failure.cause);
      return;
    }
    this.logger.warn(`kafkajs: ${message}`, fields);
  }

  /**
   * Lines that report a step of a retry, or a failure kafkajs hands to its caller, who
   * reports it: the retrier's attempts (they carry retryCount), each failed response, a
   * consumer's crash (the supervisor logs its restart), and the warning that an idempotent
   * producer's retries are bounded (a send that runs out fails to the relay, which sends the
   * batch again; consumers deduplicate).
   */
  private isRetryReport(namespace: string, message: string, fields: Record<string, unknown>): boolean {
    if ('retryCount' in fields) return true;
    if (namespace === 'Connection' && message.startsWith('Response ')) return true;
    if (namespace === 'Consumer' && (message.startsWith('Crash: ') || message.startsWith('Restarting the consumer'))) return true;
    return message.startsWith('Limiting retries for the idempotent producer');
  }
}
