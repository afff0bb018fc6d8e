import { defineTopic, eventSchema } from '@underpin/contracts';

export const BENCH_SCHEMA = 'bench';

export interface BenchTick {
  key: string;
  seq: number;
}

export const benchTopic = defineTopic<{ 'bench.tick': BenchTick }>({
  name: 'bench.ticks.v1',
  partitions: 12,
  key: 'one of 500 keys',
  keyOf: (_type, payload) => payload.key,
  events: {
    'bench.tick': { description: 'a benchmark event', versions: { 1: eventSchema.object({ key: eventSchema.string(), seq: eventSchema.number({ integer: true, min: 0 }) }) } },
  },
});
