import { randomUUID } from 'node:crypto';
import { silentLogger, toSqlRunner, type SqlRunner } from '@underpin/messaging';
import { RetentionSweepService } from '@underpin/platform';
import { NotificationsHarness, TestClock } from './notifications-harness.util';

jest.setTimeout(30_000);

const DAY = 24 * 3_600_000;
const NOW = Date.parse('2026-06-01T08:00:00Z');
const ago = (days: number) => new Date(NOW - days * DAY);

/** Records what each statement answered, to see the batches. */
function countingRunner(sql: SqlRunner): { sql: SqlRunner; answers: number[] } {
  const answers: number[] = [];
  return {
    answers,
    sql: {
      async query<R>(text: string, params?: unknown[]): Promise<R[]> {
        const rows = await sql.query<R>(text, params);
        answers.push(Number((rows[0] as { n?: number } | undefined)?.n));
        return rows;
      },
    },
  };
}

// In process only: the rows are written straight to the tables and no event is published, so the bus plays no part.
describe('notifications: retention', () => {
  const clock = new TestClock(NOW);
  let harness: NotificationsHarness;

  beforeAll(async () => {
    // No catalogue is published: the loop matches and fires nothing, so the rows below stay as written.
    harness = await NotificationsHarness.start('notifications_retention', clock);
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
  });

  async function incident(id: string, status: 'open' | 'resolved' | 'closed', updatedDaysAgo: number, updates = 0): Promise<void> {
    await harness.rows(
      `INSERT INTO notifications.incidents (id, service, customer, priority, status, opened_at, updated_at) VALUES ($1, 'video', 'acme', 'P2', $2, $3, $3)`,
      [id, status, ago(updatedDaysAgo)],
    );
    for (let i = 0; i < updates; i++) {
      await harness.rows(
        `INSERT INTO notifications.incident_updates (event_id, incident, kind, status, at, summary) VALUES ($1, $2, 'opened', $3, $4, 'update')`,
        [randomUUID(), id, status, ago(updatedDaysAgo)],
      );
    }
  }

  /** A trigger recorded (and, unless `matched` is null, matched) `daysAgo`, with escalations in the given states. */
  async function trigger(name: string, daysAgo: number, options: { incident?: string; matched?: null; escalations?: Array<{ status: string; settledDaysAgo?: number }> } = {}): Promise<string> {
    const id = randomUUID();
    await harness.rows(
      `INSERT INTO notifications.triggers (event_id, event, incident, agreement, occurred_at, details, recorded_at, matched_at)
       VALUES ($1, $2, $3, 'sla-acme-video', $4, $5, $4, $6)`,
      [id, options.incident ? 'breach' : 'exit-trigger', options.incident ?? null, ago(daysAgo), JSON.stringify({ name }), options.matched === null ? null : ago(daysAgo)],
    );
    for (const [index, escalation] of (options.escalations ?? []).entries()) {
      await harness.rows(
        `INSERT INTO notifications.pending_escalations (policy, trigger_event_id, incident, due_at, status, created_at, settled_at) VALUES ($1, $2, $3, $4, $5, $4, $6)`,
        [`policy-${index}`, id, options.incident ?? null, ago(daysAgo), escalation.status, escalation.settledDaysAgo === undefined ? null : ago(escalation.settledDaysAgo)],
      );
    }
    return id;
  }

  async function delivery(name: string, status: 'pending' | 'delivered' | 'dead', createdDaysAgo: number, failedDaysAgo?: number): Promise<void> {
    const id = randomUUID();
    await harness.rows(
      `INSERT INTO notifications.deliveries (id, policy, incident, trigger_event_id, recipient, channel, address, message, status, attempts, next_attempt_at, created_at, delivered_at)
       VALUES ($1, 'policy', $2, $3, 'oncall', 'webhook', 'http://127.0.0.1:9/hook', '{}', $4, 1, $5, $6, $7)`,
      // A pending one is due far ahead, so the running worker leaves it alone.
      [id, name, randomUUID(), status, new Date(NOW + 365 * DAY), ago(createdDaysAgo), status === 'delivered' ? ago(createdDaysAgo) : null],
    );
    if (status === 'dead') {
      await harness.rows(
        `INSERT INTO notifications.dead_letters (delivery_id, policy, incident, recipient, channel, address, attempts, last_error, failed_at)
         VALUES ($1, 'policy', $2, 'oncall', 'webhook', 'http://127.0.0.1:9/hook', 8, 'HTTP 500', $3)`,
        [id, name, ago(failedDaysAgo ?? createdDaysAgo)],
      );
    }
  }

  async function names(sql: string): Promise<string[]> {
    return (await harness.rows<{ name: string }>(sql)).map((row) => row.name).sort();
  }

  it('registers the notification rules after the processed-events rule, with the indexes they search by', async () => {
    const sweep = harness.service!.app.get(RetentionSweepService);
    expect(sweep.rules.map((rule) => rule.name)).toEqual(['processed_events', 'deliveries', 'triggers', 'incidents']);
    expect(await names(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'notifications' AND indexname IN ('deliveries_finished', 'triggers_matched', 'pending_escalations_by_trigger')`)).toEqual([
      'deliveries_finished',
      'pending_escalations_by_trigger',
      'triggers_matched',
    ]);
  });

  it('deletes exactly the finished rows older than NOTIFICATIONS_RETENTION, in batches, and keeps pending work', async () => {
    // Incidents: only closed ones, quiet for 90+ days and read by no pending work, go (with their feed history).
    await incident('INC-CLOSED-LONG-AGO', 'closed', 120, 3);
    await incident('INC-CLOSED-LATELY', 'closed', 30, 2);
    await incident('INC-RESOLVED-LONG-AGO', 'resolved', 200, 1);
    await incident('INC-OPEN-LONG-AGO', 'open', 200, 1);
    await incident('INC-CLOSED-ESCALATION-PENDING', 'closed', 120, 1);
    await incident('INC-CLOSED-TRIGGER-UNMATCHED', 'closed', 120);

    // Triggers: matched, every escalation settled, all before the cutoff, incident not open.
    await trigger('settled-long-ago', 100, { incident: 'INC-CLOSED-LONG-AGO', escalations: [{ status: 'fired', settledDaysAgo: 100 }, { status: 'cancelled', settledDaysAgo: 99 }] });
    await trigger('no-escalation-long-ago', 100);
    await trigger('escalation-pending', 100, { incident: 'INC-CLOSED-ESCALATION-PENDING', escalations: [{ status: 'fired', settledDaysAgo: 100 }, { status: 'pending' }] });
    await trigger('unmatched', 100, { incident: 'INC-CLOSED-TRIGGER-UNMATCHED', matched: null });
    await trigger('incident-still-open', 100, { incident: 'INC-OPEN-LONG-AGO', escalations: [{ status: 'skipped', settledDaysAgo: 100 }] });
    await trigger('settled-lately', 100, { escalations: [{ status: 'fired', settledDaysAgo: 10 }] });
    await trigger('recent', 10, { escalations: [{ status: 'fired', settledDaysAgo: 10 }] });

    // Deliveries: sent or given up before the cutoff go, with their dead letters; pending ones never.
    for (let i = 0; i < 4; i++) await delivery(`delivered-long-ago-${i}`, 'delivered', 100 + i);
    await delivery('dead-long-ago', 'dead', 100, 99);
    await delivery('pending-long-ago', 'pending', 200);
    await delivery('delivered-lately', 'delivered', 10);
    await delivery('dead-lately', 'dead', 95, 80);

    // Processed-event ids (database clock): older than 14 days go.
    await harness.rows(
      `INSERT INTO notifications.processed_events (consumer_group, event_id, processed_at)
       VALUES ('notifications.incidents', $1, now() - interval '20 days'), ('notifications.sla-clocks', $2, now() - interval '13 days')`,
      [randomUUID(), randomUUID()],
    );

    const rules = harness.service!.app.get(RetentionSweepService).rules;
    const counting = countingRunner(toSqlRunner(harness.sql));
    const sweep = new RetentionSweepService(counting.sql, rules, { intervalMs: 3_600_000, batchSize: 2, now: clock.now, logger: silentLogger });
    const outcomes = await sweep.sweepOnce();

    expect(outcomes).toEqual([
      { rule: 'processed_events', deleted: 1, batches: 1, unfinished: false },
      { rule: 'deliveries', deleted: 5, batches: 3, unfinished: false },
      { rule: 'triggers', deleted: 2, batches: 2, unfinished: false },
      { rule: 'incidents', deleted: 1, batches: 1, unfinished: false },
    ]);
    expect(counting.answers.every((n) => n <= 2)).toBe(true);

    expect(await names(`SELECT id AS name FROM notifications.incidents`)).toEqual([
      'INC-CLOSED-ESCALATION-PENDING',
      'INC-CLOSED-LATELY',
      'INC-CLOSED-TRIGGER-UNMATCHED',
      'INC-OPEN-LONG-AGO',
      'INC-RESOLVED-LONG-AGO',
    ]);
    expect(await names(`SELECT DISTINCT incident AS name FROM notifications.incident_updates`)).toEqual([
      'INC-CLOSED-ESCALATION-PENDING',
      'INC-CLOSED-LATELY',
      'INC-OPEN-LONG-AGO',
      'INC-RESOLVED-LONG-AGO',
    ]);
    expect(await names(`SELECT details->>'name' AS name FROM notifications.triggers`)).toEqual([
      'escalation-pending',
      'incident-still-open',
      'recent',
      'settled-lately',
      'unmatched',
    ]);
    expect(await names(`SELECT t.details->>'name' || ':' || p.status AS name FROM notifications.pending_escalations p JOIN notifications.triggers t ON t.event_id = p.trigger_event_id`)).toEqual([
      'escalation-pending:fired',
      'escalation-pending:pending',
      'incident-still-open:skipped',
      'recent:fired',
      'settled-lately:fired',
    ]);
    expect(await names(`SELECT incident || ':' || status AS name FROM notifications.deliveries`)).toEqual(['dead-lately:dead', 'delivered-lately:delivered', 'pending-long-ago:pending']);
    expect(await names(`SELECT incident AS name FROM notifications.dead_letters`)).toEqual(['dead-lately']);
    expect(await names(`SELECT consumer_group AS name FROM notifications.processed_events`)).toEqual(['notifications.sla-clocks']);

    // A second sweep finds nothing more to delete.
    expect((await sweep.sweepOnce()).map((o) => o.deleted)).toEqual([0, 0, 0, 0]);
  });
});
