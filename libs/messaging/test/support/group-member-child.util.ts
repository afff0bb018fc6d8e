/**
 * One consumer-group member with the Kafka bus's default consumer settings, run with
 * `node -r tools/runtime/register-source.js group-member-child.util.ts` and killed by the spec.
 * With WAIT_FOR_SIGNAL it loads, says `{ loaded }` and joins its group only on SIGUSR2, so a
 * spec can time the group's takeover without the time Node takes to load the code. Says
 * `{ ready }` once it has joined and `{ received }` for every event, one JSON object per
 * line on stdout.
 */
import { KafkaEventBusService, silentLogger } from '../../src';
import { sequenceTopic } from './sequence-topic.util';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const topic = sequenceTopic(env('TOPIC'), Number(env('PARTITIONS')));
  // Only what names the member: the timeouts under test are the bus's defaults.
  const bus = new KafkaEventBusService({ brokers: env('KAFKA_BROKERS').split(','), clientId: env('MEMBER'), logger: silentLogger });
  bus.subscribe({ topic, group: env('GROUP'), handler: async (envelope) => say({ received: envelope.payload }) });
  process.once('SIGTERM', () => void bus.stop().then(() => process.exit(0)));
  if (process.env['WAIT_FOR_SIGNAL']) {
    // A signal listener alone does not keep Node running.
    const waiting = setInterval(() => undefined, 1_000);
    const go = new Promise((resolve) => process.once('SIGUSR2', resolve));
    say({ loaded: env('MEMBER') });
    await go;
    clearInterval(waiting);
  }
  await bus.start();
  say({ ready: env('MEMBER') });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
