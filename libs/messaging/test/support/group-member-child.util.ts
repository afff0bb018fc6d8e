/**
 * One consumer-group member with the Kafka bus's default consumer settings, run with
 * `node -r tools/runtime/register-source.js group-member-child.util.ts` and killed by the spec.
 * Says `{ ready }` once it has joined its group and `{ received }` for every event, one JSON
 * object per line on stdout.
 */
import { KafkaEventBus, silentLogger } from '../../src';
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
  const bus = new KafkaEventBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: env('MEMBER'), logger: silentLogger });
  bus.subscribe({ topic, group: env('GROUP'), handler: async (envelope) => say({ received: envelope.payload }) });
  process.once('SIGTERM', () => void bus.stop().then(() => process.exit(0)));
  await bus.start();
  say({ ready: env('MEMBER') });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
