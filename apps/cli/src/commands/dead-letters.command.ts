import { TOPIC_REGISTRY, dlqTopicOf } from '@underpin/contracts';
import { KafkaDeadLetterStore, type StoredDeadLetter, formatLocation, matchesDeadLetter, replayableByDefault, silentLogger } from '@underpin/messaging';
import type { CliIo } from '../cli-io.type';
import type { CliCommand } from '../command.type';
import { type ListOptions, type ReplayOptions, checkKnownTopic, parseDeadLettersArgs } from '../dead-letters-args.util';
import { cliConfigFromProcess } from '../config/cli.config';
import { deadLetterJson, deadLetterLine, listSummary, refusalReason, refusedLine, replaySummary, replayedLine, wouldReplayLine } from '../dead-letters-format.util';
import { UsageException } from '../usage.exception';

const HELP = `Usage: underpin dead-letters list [--topic <topic>] [--group <group>] [--reason <reason>]
                                 [--limit <n>] [--json]
       underpin dead-letters replay --topic <topic> (--offset <partition>@<offset>... | --all)
                                   [--group <group>] [--reason <reason>] [--include-invalid] [--dry-run]

Dead letters are records a consumer parked in the topic's .dlq twin: contract violations
(invalid-envelope, unknown-event, invalid-payload, key-mismatch), which fail again however
often they are sent, and events whose handler kept failing (handler-failed), which a fixed
consumer applies.

list    reads every .dlq topic on the brokers (or the one of --topic) up to where it ended
        when the command started, and prints one dead letter a line:
          <dlq topic>/<partition>@<offset>  <failed at>  <reason>  <topic>/<partition>@<offset>
          group <group>  attempts <n>  event <id> <type>  — <error>
        then the count per reason. It commits no offset and leaves no consumer group behind.
replay  sends the chosen dead letters back to their original topic with their key, value
        bytes and headers, plus dlq-replayed-from and dlq-replayed-at. Every group of the
        topic receives them; groups that applied the event already skip it (consumers are
        idempotent by event id, while they keep the id: PROCESSED_EVENTS_RETENTION, 14d by
        default). Contract violations are refused unless --include-invalid.

Options:
  --topic <topic>          the original topic (its .dlq twin is read); required by replay
  --group <group>          only dead letters of this consumer group
  --reason <reason>        only this reason: handler-failed, invalid-envelope, unknown-event,
                           invalid-payload, key-mismatch
  --limit <n>              list: print the first n (the summary counts them all)
  --json                   list: JSON Lines on stdout with every field, the value in base64;
                           the summary goes to stderr
  --offset <p>@<o>         replay: the dead letter at this partition and offset of the .dlq
                           topic (as list prints it); repeat it, or separate with commas
  --all                    replay: every dead letter of the topic matching --group and --reason
  --include-invalid        replay: send contract violations too
  --dry-run                replay: print what would be replayed and publish nothing
  --brokers <host:port,…>  the Kafka brokers; default $KAFKA_BROKERS, else 127.0.0.1:9092
  --namespace <ns>         the platform's namespace on the brokers (topics named <ns>.<topic>);
                           default $KAFKA_NAMESPACE, else none. Topics are named without it.

Exit codes: 0 done (refusals under --all included, on stderr); 2 usage or input error (bad
flag, unknown topic, no dead letter at an --offset, an --offset refused); 1 brokers
unreachable or any other error, in one line on stderr.
`;

/** Registry topics plus any topic with a .dlq twin on the brokers (a service's own, a test's). */
async function checkTopic(store: KafkaDeadLetterStore, topic: string): Promise<void> {
  checkKnownTopic(topic, [...TOPIC_REGISTRY.map((definition) => definition.name), ...(await store.topicsWithDeadLetters())]);
}

async function list(store: KafkaDeadLetterStore, options: ListOptions, io: CliIo): Promise<number> {
  if (options.topic !== undefined) await checkTopic(store, options.topic);
  const found = await store.read({ topic: options.topic, group: options.group, reason: options.reason });
  const shown = found.slice(0, options.limit ?? found.length);
  for (const deadLetter of shown) io.stdout.write(`${options.json ? deadLetterJson(deadLetter) : deadLetterLine(deadLetter)}\n`);
  // JSON Lines stay machine-readable: the human summary goes beside them, not among them.
  (options.json ? io.stderr : io.stdout).write(`${listSummary(found, shown.length)}\n`);
  return 0;
}

/** The dead letters named by --offset, or all; then those matching --group and --reason. */
function choose(all: StoredDeadLetter[], options: ReplayOptions, io: CliIo): StoredDeadLetter[] {
  if (options.positions === undefined) return all.filter((deadLetter) => matchesDeadLetter(deadLetter, options));
  const named = options.positions.map((position) => {
    const found = all.find((deadLetter) => deadLetter.dlq.partition === position.partition && deadLetter.dlq.offset === position.offset);
    if (!found) throw new UsageException(`no dead letter at ${formatLocation({ topic: dlqTopicOf(options.topic), ...position })}`, 'dead-letters');
    return found;
  });
  return named.filter((deadLetter) => {
    const matches = matchesDeadLetter(deadLetter, options);
    if (!matches) io.stderr.write(`skipped  ${formatLocation(deadLetter.dlq)}  its group ${deadLetter.group} and reason ${deadLetter.reason} do not match --group/--reason\n`);
    return matches;
  });
}

async function replay(store: KafkaDeadLetterStore, options: ReplayOptions, io: CliIo): Promise<number> {
  await checkTopic(store, options.topic);
  if (!(await store.topicExists(options.topic))) {
    throw new UsageException(`topic ${options.topic} does not exist on the brokers, so nothing can be replayed to it`, 'dead-letters');
  }
  const chosen = choose(await store.read({ topic: options.topic }), options, io);
  const refused = options.includeInvalid ? [] : chosen.filter((deadLetter) => !replayableByDefault(deadLetter.reason));
  if (options.positions !== undefined && refused.length > 0) {
    // Named one by one, a refusal is an answer to the request itself: nothing is sent.
    throw new UsageException(`${formatLocation(refused[0].dlq)} not replayed: ${refusalReason(refused[0].reason)}`, 'dead-letters');
  }
  for (const deadLetter of refused) io.stderr.write(`${refusedLine(deadLetter)}\n`);
  const toReplay = chosen.filter((deadLetter) => !refused.includes(deadLetter));
  if (options.dryRun) {
    for (const deadLetter of toReplay) io.stdout.write(`${wouldReplayLine(deadLetter)}\n`);
  } else {
    for await (const replayed of store.replay(toReplay)) io.stdout.write(`${replayedLine(replayed)}\n`);
  }
  io.stdout.write(`${replaySummary(options.topic, toReplay.length, refused.length, options.dryRun)}\n`);
  return 0;
}

export const deadLettersCommand: CliCommand = {
  name: 'dead-letters',
  summary: 'list the dead letters of the Kafka .dlq topics and replay fixed ones',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const request = parseDeadLettersArgs(args, cliConfigFromProcess());
    // kafkajs' own logs would interleave with the listing; failures are thrown, one line each.
    const { brokers, namespace } = request.options;
    const store = new KafkaDeadLetterStore({ brokers, namespace, clientId: 'underpin-cli-dead-letters', logger: silentLogger });
    try {
      return request.action === 'list' ? await list(store, request.options, io) : await replay(store, request.options, io);
    } finally {
      await store.close();
    }
  },
};
