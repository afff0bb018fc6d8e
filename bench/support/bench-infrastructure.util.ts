import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../..');

export interface BenchBroker {
  brokers: string[];
  /** The private broker's JVM, whose CPU time a benchmark may report; absent for KAFKA_BROKERS. */
  pid?: number;
  stop(): Promise<void>;
}

/** KAFKA_BROKERS when set, else a private single-node broker on free ports. */
export async function provideKafka(): Promise<BenchBroker> {
  if (process.env['KAFKA_BROKERS']) return { brokers: process.env['KAFKA_BROKERS'].split(','), stop: async () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tools = require(path.join(ROOT, 'tools/kafka/broker')) as typeof import('../../tools/kafka/broker');
  const port = await tools.findFreePort();
  let controllerPort = await tools.findFreePort();
  while (controllerPort === port) controllerPort = await tools.findFreePort();
  process.stdout.write(`starting a private Kafka broker on 127.0.0.1:${port} …\n`);
  return tools.startBroker({ port, controllerPort, heapMb: 512 });
}

/** A throwaway database named after the benchmark, dropped (with its sessions) afterwards. */
export async function createBenchDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
