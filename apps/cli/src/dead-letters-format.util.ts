import { type ReplayedDeadLetter, type StoredDeadLetter, formatLocation, peekEvent } from '@underpin/messaging';

/** An error header may hold several lines (a stack, a list of issues); a listing keeps one a dead letter. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function eventOf(deadLetter: StoredDeadLetter): string {
  const event = peekEvent(deadLetter.value);
  return event ? `event ${event.id} ${event.type}` : 'event unreadable';
}

/**
 * `<dlq topic>/<p>@<o>  <failedAt>  <reason>  <original topic>/<p>@<o>  group <g>  attempts <n>
 * event <id> <type>  — <error>`, with `-` for what the record does not say.
 */
export function deadLetterLine(deadLetter: StoredDeadLetter): string {
  const original = formatLocation({ topic: deadLetter.topic, partition: deadLetter.partition, offset: deadLetter.offset || '?' });
  return [
    formatLocation(deadLetter.dlq),
    deadLetter.failedAt || '-',
    deadLetter.reason,
    original,
    `group ${deadLetter.group || '-'}`,
    `attempts ${deadLetter.attempts}`,
    eventOf(deadLetter),
    `— ${oneLine(deadLetter.error) || '-'}`,
  ].join('  ');
}

/** One JSON Lines record: every DeadLetter field, where it sits, and the value bytes in base64. */
export function deadLetterJson(deadLetter: StoredDeadLetter): string {
  const { dlq, reason, error, topic, partition, offset, group, attempts, failedAt, key, value, headers } = deadLetter;
  return JSON.stringify({
    dlq,
    reason,
    error,
    topic,
    partition,
    offset,
    group,
    attempts,
    failedAt,
    key,
    value: value === null ? null : Buffer.from(value).toString('base64'),
    headers,
  });
}

/** The inverse of deadLetterJson, for scripts and tests that read `list --json`. */
export function parseDeadLetterJson(line: string): StoredDeadLetter {
  const parsed = JSON.parse(line) as Omit<StoredDeadLetter, 'value'> & { value: string | null };
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.dlq !== 'object' || typeof parsed.reason !== 'string') {
    throw new Error('not a dead letter of "underpin dead-letters list --json"');
  }
  return { ...parsed, value: parsed.value === null ? null : new Uint8Array(Buffer.from(parsed.value, 'base64')) };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `3 dead letters: 1 handler-failed, 2 invalid-payload`, saying when --limit hid some. */
export function listSummary(deadLetters: readonly StoredDeadLetter[], shown: number): string {
  if (deadLetters.length === 0) return 'no dead letters';
  const counts = new Map<string, number>();
  for (const { reason } of deadLetters) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const perReason = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, count]) => `${count} ${reason}`);
  const hidden = shown < deadLetters.length ? ` (first ${shown} shown)` : '';
  return `${plural(deadLetters.length, 'dead letter')}${hidden}: ${perReason.join(', ')}`;
}

export function replayedLine({ deadLetter, partition, offset }: ReplayedDeadLetter): string {
  return `replayed  ${formatLocation(deadLetter.dlq)}  →  ${formatLocation({ topic: deadLetter.topic, partition, offset })}  ${eventOf(deadLetter)}`;
}

export function wouldReplayLine(deadLetter: StoredDeadLetter): string {
  return `would replay  ${formatLocation(deadLetter.dlq)}  →  ${deadLetter.topic}  ${eventOf(deadLetter)}`;
}

/** Why a dead letter is not replayed without --include-invalid. */
export function refusalReason(reason: string): string {
  if (reason === 'invalid-envelope' || reason === 'unknown-event' || reason === 'invalid-payload') {
    return `${reason} is a contract violation: every consumer rejects the record again; fix its producer, or pass --include-invalid if the consumers now accept it`;
  }
  if (reason === 'key-mismatch') {
    // A replay keeps the record's key, so no consumer change makes this one acceptable.
    return 'key-mismatch is a contract violation: a replay keeps the record\'s key, which is not its event\'s, so every consumer rejects it again; fix its producer and have it publish the event again';
  }
  return `reason "${reason}" is not known to succeed on a second try; pass --include-invalid to send it anyway`;
}

export function refusedLine(deadLetter: StoredDeadLetter): string {
  return `refused  ${formatLocation(deadLetter.dlq)}  ${refusalReason(deadLetter.reason)}`;
}

export function replaySummary(topic: string, replayed: number, refused: number, dryRun: boolean): string {
  const done = `${dryRun ? 'would replay' : 'replayed'} ${plural(replayed, 'dead letter')} to ${topic}`;
  return refused === 0 ? done : `${done}; refused ${refused} (see above)`;
}
