import { type DeadLetterReason, didYouMean } from '@underpin/contracts';
import { DEAD_LETTER_REASONS, kafkaNamespaceProblem } from '@underpin/messaging';
import type { CliConfig } from './config/cli.config';
import { type ParsedArgs, noPositionals, optionalString, parseCommandArgs, requireString } from './cli-args.util';
import { UsageException } from './usage.exception';

const COMMAND = 'dead-letters';
export const SUBCOMMANDS = ['list', 'replay'] as const;
/** Past this many, the known topics of a busy cluster would bury the message. */
const MAX_TOPICS_NAMED = 10;

/** A dead letter's place in its `.dlq` topic, as given to `--offset <partition>@<offset>`. */
export interface DlqPosition {
  partition: number;
  offset: string;
}

export interface ListOptions {
  brokers: string[];
  /** The platform's namespace on the brokers ('' for none). */
  namespace: string;
  topic?: string;
  group?: string;
  reason?: DeadLetterReason;
  limit?: number;
  json: boolean;
}

export interface ReplayOptions {
  brokers: string[];
  namespace: string;
  topic: string;
  /** The dead letters named by --offset; undefined with --all. */
  positions?: DlqPosition[];
  group?: string;
  reason?: DeadLetterReason;
  includeInvalid: boolean;
  dryRun: boolean;
}

export type DeadLettersRequest = { action: 'list'; options: ListOptions } | { action: 'replay'; options: ReplayOptions };

const BROKER = /^[^:\s,]+:\d{1,5}$/;

/** `--brokers`, else KAFKA_BROKERS (or its default); each must be host:port. */
export function resolveBrokers(flag: string | undefined, config: CliConfig): string[] {
  const [source, text] = flag !== undefined ? ['--brokers', flag] : ['KAFKA_BROKERS', config.kafkaBrokers];
  const brokers = text.split(',').map((broker) => broker.trim()).filter((broker) => broker !== '');
  if (brokers.length === 0 || brokers.some((broker) => !BROKER.test(broker))) {
    throw new UsageException(`${source} "${text}" must be host:port, or several separated by commas`, COMMAND);
  }
  return brokers;
}

/** `--namespace`, else KAFKA_NAMESPACE (as the services read it), else none. */
export function resolveNamespace(flag: string | undefined, config: CliConfig): string {
  const [source, text] = flag !== undefined ? ['--namespace', flag] : ['KAFKA_NAMESPACE', config.kafkaNamespace];
  const namespace = text.trim();
  const problem = kafkaNamespaceProblem(namespace);
  if (problem) throw new UsageException(`${source} ${problem}`, COMMAND);
  return namespace;
}

/** The original topic; its `.dlq` twin is accepted too, since that is the name operators see. */
export function originalTopic(text: string): string {
  return text.endsWith('.dlq') ? text.slice(0, -'.dlq'.length) : text;
}

export function parseReason(text: string | undefined): DeadLetterReason | undefined {
  if (text === undefined) return undefined;
  if ((DEAD_LETTER_REASONS as readonly string[]).includes(text)) return text as DeadLetterReason;
  throw new UsageException(`--reason "${text}" is not a reason${didYouMean(text, DEAD_LETTER_REASONS)}; reasons: ${DEAD_LETTER_REASONS.join(', ')}`, COMMAND);
}

export function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  if (limit < 1) throw new UsageException(`--limit "${text}" must be a whole number of at least 1`, COMMAND);
  return limit;
}

/** Repeated `--offset` flags, each one position or several separated by commas; duplicates once. */
export function parsePositions(values: readonly string[]): DlqPosition[] {
  const positions = new Map<string, DlqPosition>();
  for (const text of values.flatMap((value) => value.split(',')).map((part) => part.trim())) {
    const match = /^(\d{1,9})@(\d{1,19})$/.exec(text);
    if (!match) throw new UsageException(`--offset "${text}" must be <partition>@<offset> of the .dlq topic, like 0@17`, COMMAND);
    // BigInt normalises "007" to "7" without losing offsets beyond 2^53.
    const position = { partition: Number(match[1]), offset: BigInt(match[2]).toString() };
    positions.set(`${position.partition}@${position.offset}`, position);
  }
  return [...positions.values()];
}

/** Throws a usage error naming the topics that do have dead-letter topics, closest first. */
export function checkKnownTopic(topic: string, known: Iterable<string>): void {
  const names = [...new Set(known)].sort();
  if (names.includes(topic)) return;
  const shown = names.slice(0, MAX_TOPICS_NAMED).join(', ');
  const more = names.length > MAX_TOPICS_NAMED ? ` and ${names.length - MAX_TOPICS_NAMED} more` : '';
  const listing = names.length === 0 ? 'no topic has a .dlq topic on the brokers' : `known topics: ${shown}${more}`;
  throw new UsageException(`unknown topic "${topic}"${didYouMean(topic, names)}; ${listing}`, COMMAND);
}

function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

function parseList(args: readonly string[], config: CliConfig): ListOptions {
  const parsed = parseCommandArgs(COMMAND, args, {
    topic: { type: 'string' },
    group: { type: 'string' },
    reason: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    brokers: { type: 'string' },
    namespace: { type: 'string' },
  });
  noPositionals(COMMAND, parsed);
  const topic = optionalString(parsed, 'topic');
  return {
    brokers: resolveBrokers(optionalString(parsed, 'brokers'), config),
    namespace: resolveNamespace(optionalString(parsed, 'namespace'), config),
    topic: topic === undefined ? undefined : originalTopic(topic),
    group: optionalString(parsed, 'group'),
    reason: parseReason(optionalString(parsed, 'reason')),
    limit: parseLimit(optionalString(parsed, 'limit')),
    json: flag(parsed, 'json'),
  };
}

function parseReplay(args: readonly string[], config: CliConfig): ReplayOptions {
  const parsed = parseCommandArgs(COMMAND, args, {
    topic: { type: 'string' },
    offset: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    group: { type: 'string' },
    reason: { type: 'string' },
    'include-invalid': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    brokers: { type: 'string' },
    namespace: { type: 'string' },
  });
  noPositionals(COMMAND, parsed);
  const offsets = (parsed.values['offset'] as string[] | undefined) ?? [];
  if (offsets.length > 0 && flag(parsed, 'all')) throw new UsageException('give --offset or --all, not both', COMMAND);
  if (offsets.length === 0 && !flag(parsed, 'all')) throw new UsageException('replay needs --offset <partition>@<offset> or --all', COMMAND);
  return {
    brokers: resolveBrokers(optionalString(parsed, 'brokers'), config),
    namespace: resolveNamespace(optionalString(parsed, 'namespace'), config),
    topic: originalTopic(requireString(COMMAND, parsed, 'topic')),
    positions: offsets.length > 0 ? parsePositions(offsets) : undefined,
    group: optionalString(parsed, 'group'),
    reason: parseReason(optionalString(parsed, 'reason')),
    includeInvalid: flag(parsed, 'include-invalid'),
    dryRun: flag(parsed, 'dry-run'),
  };
}

/** `list …` or `replay …`, every flag checked before anything connects to a broker. */
export function parseDeadLettersArgs(args: readonly string[], config: CliConfig): DeadLettersRequest {
  const [action, ...rest] = args;
  if (action === 'list') return { action, options: parseList(rest, config) };
  if (action === 'replay') return { action, options: parseReplay(rest, config) };
  if (action === undefined || action.startsWith('-')) throw new UsageException(`give a subcommand first: ${SUBCOMMANDS.join(' or ')}`, COMMAND);
  throw new UsageException(`unknown subcommand "${action}"${didYouMean(action, SUBCOMMANDS)}; subcommands: ${SUBCOMMANDS.join(', ')}`, COMMAND);
}
