import { gzipSync } from 'node:zlib';

export const BENCH_SERVICES = ['video-meetings', 'telephony', 'chat'];
export const BENCH_REGIONS = ['eu-north', 'eu-west', 'na-east', 'ap-south'];

/** Mulberry32: the same bodies on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchBody {
  body: Buffer;
  samples: number;
  /** samples.batch records it makes with `perRecord` samples a record. */
  records: number;
}

/**
 * A request of `samples` probes and call-quality intervals over every service × region, in
 * the event format of the spec, one second apart from `fromMs`: about 40 % probes, 60 % calls.
 */
export function benchBody(seed: number, samples: number, fromMs: number, options: { format: 'json' | 'ndjson'; gzip: boolean; perRecord: number }): BenchBody {
  const next = random(seed);
  const perKey = new Map<string, number>();
  const items: object[] = [];
  for (let i = 0; i < samples; i += 1) {
    const service = BENCH_SERVICES[Math.floor(next() * BENCH_SERVICES.length)];
    const region = BENCH_REGIONS[Math.floor(next() * BENCH_REGIONS.length)];
    const at = new Date(fromMs + i * 1000).toISOString();
    perKey.set(`${service}:${region}`, (perKey.get(`${service}:${region}`) ?? 0) + 1);
    if (next() < 0.4) {
      items.push({ type: 'probe', at, service, region, ok: next() > 0.01, vantage: `probe-${Math.floor(next() * 3)}` });
    } else {
      items.push({
        type: 'call.quality',
        at,
        service,
        region,
        call: `c-${seed}-${Math.floor(next() * 500)}`,
        latencyMs: Math.round(40 + next() * 260),
        lossPercent: Math.round(next() * 300) / 100,
        intervalSeconds: 10,
        mos: Math.round((3 + next() * 2) * 10) / 10,
      });
    }
  }
  const text = options.format === 'json' ? JSON.stringify(items) : `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
  const raw = Buffer.from(text, 'utf8');
  const records = [...perKey.values()].reduce((sum, n) => sum + Math.ceil(n / options.perRecord), 0);
  return { body: options.gzip ? gzipSync(raw) : raw, samples, records };
}
