import { gzipSync } from 'node:zlib';
import { METRIC_SAMPLES_TOPIC } from '@underpin/contracts';
import { readPlatformConfig, startService, type PlatformConfig, type RunningService } from '@underpin/platform';
import { createTestDatabase, describeOnEachBus, waitUntil, type TestBus, type TestDatabase } from '@underpin/testing';
import { readMetricsIngestionConfig } from '../src/config/metrics-ingestion.config';
import { metricsIngestionServiceWith } from '../src/metrics-ingestion.module';
import { ADMIN_TOKEN, IngestionClient, recordsOnTopic, type SampleEnvelope } from './ingestion-client.util';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const OBSERVER = 'test-observer';
const SERVICE = 'video-meetings';

const probe = (at: string, region: string, fields: Record<string, unknown> = { ok: true }) => ({ type: 'probe', at, service: SERVICE, region, ...fields });
const call = (at: string, region: string, fields: Record<string, unknown> = {}) => ({ type: 'call.quality', at, service: SERVICE, region, call: 'c-77', ...fields });

describeOnEachBus('metrics-ingestion', (buses) => {
  let db: TestDatabase;
  let bus: TestBus;
  let platform: PlatformConfig;
  let service: RunningService;
  let client: IngestionClient;
  const received: SampleEnvelope[] = [];
  const recordsOf = (keyId: string) => received.filter((e): e is Extract<SampleEnvelope, { type: 'samples.batch' }> => e.type === 'samples.batch' && e.payload.sentBy === keyId);
  const onTopic = () => recordsOnTopic(bus.bus, OBSERVER);
  const start = (env: Record<string, string> = {}) =>
    startService(metricsIngestionServiceWith(readMetricsIngestionConfig({ INGESTION_ADMIN_TOKEN: ADMIN_TOKEN, ...env }, platform)), { config: platform, bus: bus.bus, now: () => NOW }, { port: 0 });

  beforeAll(async () => {
    db = await createTestDatabase('ingestion');
    bus = await buses.create({ name: 'ingestion' });
    bus.bus.subscribe({ topic: METRIC_SAMPLES_TOPIC, group: OBSERVER, handler: async (envelope) => void received.push(envelope) });
    platform = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' }, { bus: buses.name });
    service = await start({ INGEST_BODY_LIMIT: '256kb' });
    client = new IngestionClient(service.url);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await bus?.dispose();
    await db?.drop();
  });

  it('accepts the good samples of a batch, names each bad one, and writes the good ones per service × region', async () => {
    const { id, key } = await client.createKey({ name: 'mixed', services: [SERVICE], regions: ['eu-north', 'eu-west'] });
    const batch = [
      probe('2026-03-02T08:00:00+01:00', 'eu-north', { ok: true, vantage: 'stockholm-office' }),
      call('2026-03-02T07:00:10Z', 'eu-west', { latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 }),
      call('2026-03-02T07:00:20Z', 'eu-west', { latencyMs: -3 }),
      probe('2026-03-02T07:01:00Z', 'na-east', { ok: false }),
      probe('2026-03-02T07:02:00Z', 'eu-north', { state: 'degraded' }),
      probe('2026-03-02T07:03:00Z', 'eu-north', { ok: true, vantge: 'x' }),
    ];
    const answer = await client.send(key, JSON.stringify(batch));
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 207,
      body: {
        accepted: 3,
        rejected: 3,
        rejections: [
          { index: 2, path: 'latencyMs', code: 'invalid', reason: 'must be ≥ 0, got -3' },
          { index: 3, path: 'region', code: 'out-of-scope', reason: `API key ${id} may not send samples of region na-east; it may for eu-north, eu-west` },
          { index: 5, path: 'vantge', code: 'invalid', reason: 'is not a field of probe (did you mean "vantage"?)' },
        ],
      },
    });
    await waitUntil('the two records on the topic', () => recordsOf(id).length === 2);
    expect(recordsOf(id).map(({ key: recordKey, type, version, source, occurredAt, payload }) => ({ key: recordKey, type, version, source, occurredAt, payload })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      {
        key: 'video-meetings:eu-north',
        type: 'samples.batch',
        version: 1,
        source: 'metrics-ingestion',
        occurredAt: '2026-03-02T07:02:00.000Z',
        payload: { service: SERVICE, region: 'eu-north', sentBy: id, probes: [{ at: '2026-03-02T08:00:00+01:00', ok: true, vantage: 'stockholm-office' }, { at: '2026-03-02T07:02:00Z', state: 'degraded' }], calls: [] },
      },
      {
        key: 'video-meetings:eu-west',
        type: 'samples.batch',
        version: 1,
        source: 'metrics-ingestion',
        occurredAt: '2026-03-02T07:00:10.000Z',
        payload: { service: SERVICE, region: 'eu-west', sentBy: id, probes: [], calls: [{ at: '2026-03-02T07:00:10Z', call: 'c-77', latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 }] },
      },
    ]);
  });

  it('takes gzip NDJSON, a line that is not JSON rejected on its own, and keeps each region in the order sent', async () => {
    const { id, key } = await client.createKey({ name: 'ndjson', services: [SERVICE] });
    const lines = [
      ...Array.from({ length: 1500 }, (_, i) => JSON.stringify(probe(new Date(Date.parse('2026-03-02T06:00:00Z') + i * 1000).toISOString(), 'eu-north', { ok: i % 7 !== 0 }))),
      '{"type":"probe", "at": ',
      '',
      JSON.stringify(call('2026-03-02T06:30:00Z', 'na-east', { mos: 4.2, setupFailed: false })),
    ];
    const answer = await client.send(key, gzipSync(`${lines.join('\n')}\n`), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 207,
      body: { accepted: 1501, rejected: 1, rejections: [{ index: 1500, line: 1501, path: '', code: 'not-json', reason: 'not JSON at column 24: expected a value, got the end of the body' }] },
    });
    await waitUntil('the three records on the topic', () => recordsOf(id).length === 3);
    const north = recordsOf(id).filter((e) => e.payload.region === 'eu-north');
    expect(north.map((e) => e.payload.probes.length)).toEqual([1000, 500]);
    expect(north.flatMap((e) => e.payload.probes.map((p) => p.at))).toEqual(lines.slice(0, 1500).map((line) => (JSON.parse(line) as { at: string }).at));
    expect(recordsOf(id).find((e) => e.payload.region === 'na-east')?.payload.calls).toEqual([{ at: '2026-03-02T06:30:00Z', call: 'c-77', mos: 4.2, setupFailed: false }]);
  });

  it('answers a wrong, a missing and a revoked key with 401 and writes nothing', async () => {
    const { id, key } = await client.createKey({ name: 'revoked soon', services: [SERVICE] });
    const batch = JSON.stringify([probe('2026-03-02T08:10:00Z', 'eu-north')]);
    expect((await client.send(key, batch)).status).toBe(200);
    await waitUntil('the first record', () => recordsOf(id).length === 1);
    const revoked = await client.revokeKey(id);
    expect(revoked).toMatchObject({ status: 200, body: { id, revokedAt: new Date(NOW).toISOString() } });

    const before = await onTopic();
    for (const [presented, message] of [
      [key, 'the API key is unknown or revoked'],
      [`${key}x`, 'the API key is unknown or revoked'],
      [undefined, 'no API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"'],
    ] as const) {
      const answer = await client.send(presented, batch);
      expect({ status: answer.status, body: answer.body, challenge: answer.headers.get('www-authenticate') }).toEqual({
        status: 401,
        body: { error: 'unauthorized', message },
        challenge: 'Bearer realm="underpin-ingestion"',
      });
    }
    expect(await onTopic()).toBe(before);
    expect(recordsOf(id)).toHaveLength(1);
  });

  it('rejects every sample outside the scope of the key, and writes nothing when none is left', async () => {
    const { id, key } = await client.createKey({ name: 'eu only', services: [SERVICE], regions: ['eu-north'] });
    const before = await onTopic();
    const answer = await client.send(key, JSON.stringify([probe('2026-03-02T08:20:00Z', 'eu-west'), { ...probe('2026-03-02T08:20:00Z', 'eu-north'), service: 'e-mail' }]));
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 207,
      body: {
        accepted: 0,
        rejected: 2,
        rejections: [
          { index: 0, path: 'region', code: 'out-of-scope', reason: `API key ${id} may not send samples of region eu-west; it may for eu-north` },
          { index: 1, path: 'service', code: 'out-of-scope', reason: `API key ${id} may not send samples of e-mail; it may for video-meetings` },
        ],
      },
    });
    expect(await onTopic()).toBe(before);
  });

  it('answers a retried request with the same Idempotency-Key as the first time, writing its samples once', async () => {
    const { id, key } = await client.createKey({ name: 'retrying', services: [SERVICE] });
    const body = gzipSync(JSON.stringify([probe('2026-03-02T08:30:00Z', 'eu-north'), probe('2026-03-02T08:30:00Z', 'eu-west', { ok: 'no' })]));
    const headers = { 'content-encoding': 'gzip', 'idempotency-key': 'probe-agent-7/batch-41' };
    const first = await client.send(key, body, headers);
    await waitUntil('the first attempt on the topic', () => recordsOf(id).length === 1);
    const before = await onTopic();
    const retry = await client.send(key, body, headers);
    expect(first).toMatchObject({ status: 207, body: { accepted: 1, rejected: 1 } });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 207, body: first.body, replayed: 'true' });
    expect(await onTopic()).toBe(before);

    const reused = await client.send(key, JSON.stringify([probe('2026-03-02T08:31:00Z', 'eu-north')]), { 'idempotency-key': 'probe-agent-7/batch-41' });
    expect({ status: reused.status, body: reused.body }).toEqual({
      status: 422,
      body: { error: 'idempotency-key-reused', message: 'this Idempotency-Key was used with another body; a retry must send the same samples, a new batch a new key' },
    });
    expect(await onTopic()).toBe(before);
    expect(recordsOf(id)).toHaveLength(1);
  });

  it('refuses with 400 a body that is not a JSON array, saying where, and one past INGEST_BODY_LIMIT with 413', async () => {
    const { key } = await client.createKey({ name: 'sloppy', services: [SERVICE] });
    const before = await onTopic();
    const broken = await client.send(key, `[${JSON.stringify(probe('2026-03-02T08:40:00Z', 'eu-north'))},\n {"type": "probe" "at": "x"}]`);
    expect({ status: broken.status, body: broken.body }).toEqual({
      status: 400,
      body: { error: 'malformed-body', message: `the body is not JSON: line 2, column 19 (in the sample at index 1): expected ',' or '}' after a field, got "\\""`, line: 2, column: 19, index: 1 },
    });
    const object = await client.send(key, JSON.stringify(probe('2026-03-02T08:40:00Z', 'eu-north')));
    expect(object).toMatchObject({ status: 400, body: { error: 'malformed-body', message: expect.stringMatching(/^expected a JSON array of samples, got an object/) } });
    const huge = await client.send(key, JSON.stringify(Array.from({ length: 3000 }, () => probe('2026-03-02T08:40:00Z', 'eu-north'))));
    expect(huge).toMatchObject({ status: 413, body: { error: 'body-too-large', message: expect.stringContaining('(262144 bytes; INGEST_BODY_LIMIT sets it)') } });
    expect(await onTopic()).toBe(before);
  });

  it('keeps answering through a burst of malformed bodies and samples, and writes exactly the good samples', async () => {
    const { id, key } = await client.createKey({ name: 'burst', services: [SERVICE] });
    const good = (n: number) => JSON.stringify(Array.from({ length: 50 }, (_, i) => probe(new Date(Date.parse('2026-03-02T05:00:00Z') + (n * 50 + i) * 1000).toISOString(), 'eu-west')));
    const requests = Array.from({ length: 30 }, (_, n) => {
      if (n % 3 === 0) return client.send(key, '[{"type":"probe",').then((a) => ['not-json', a] as const);
      if (n % 3 === 1) return client.send(key, JSON.stringify(Array.from({ length: 20 }, () => ({ type: 'probe', at: 'yesterday' })))).then((a) => ['bad', a] as const);
      return client.send(key, good(n)).then((a) => ['good', a] as const);
    });
    const answers = await Promise.all(requests);
    for (const [kind, answer] of answers) {
      if (kind === 'not-json') expect(answer).toMatchObject({ status: 400, body: { error: 'malformed-body', index: 0, line: 1, column: 18 } });
      else if (kind === 'bad') expect(answer).toMatchObject({ status: 207, body: { accepted: 0, rejected: 20 } });
      else expect(answer).toMatchObject({ status: 200, body: { accepted: 50, rejected: 0, rejections: [] } });
    }
    const bad = answers.find(([kind]) => kind === 'bad')![1].body as { rejections: Array<{ path: string }> };
    expect(bad.rejections.slice(0, 3)).toEqual([
      { index: 0, path: 'service', code: 'invalid', reason: 'is required' },
      { index: 0, path: 'region', code: 'invalid', reason: 'is required' },
      { index: 0, path: 'at', code: 'invalid', reason: 'must be an ISO-8601 instant with an offset (e.g. 2025-03-04T10:00:00Z), got "yesterday"' },
    ]);
    expect(bad.rejections).toHaveLength(60);
    await waitUntil('the good samples on the topic', () => recordsOf(id).length === 10);
    expect(recordsOf(id).reduce((sum, e) => sum + e.payload.probes.length, 0)).toBe(500);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });

  it('refuses with 429 and Retry-After what would pass the bytes in flight, and takes it once there is room', async () => {
    const tight = await start({ INGEST_BODY_LIMIT: '1kb', INGEST_MAX_IN_FLIGHT_BYTES: '1kb' });
    try {
      const tightClient = new IngestionClient(tight.url);
      const { id, key } = await tightClient.createKey({ name: 'slow uploader', services: [SERVICE] });
      const slowBody = JSON.stringify([probe('2026-03-02T08:50:00Z', 'eu-north')]).padEnd(600, ' ');
      const slow = tightClient.open(key, Buffer.byteLength(slowBody));
      slow.request.write(slowBody.slice(0, 300));

      const before = await onTopic();
      // While the slow upload holds 600 bytes, a second 600-byte body would pass the 1 kB.
      const outOfScope = JSON.stringify([{ ...probe('2026-03-02T08:50:00Z', 'eu-north'), service: 'e-mail' }]).padEnd(600, ' ');
      let refused: Awaited<ReturnType<IngestionClient['send']>> | undefined;
      await waitUntil('a request refused while the slow upload holds its bytes', async () => {
        const answer = await tightClient.send(key, outOfScope);
        if (answer.status === 429) refused = answer;
        else expect(answer).toMatchObject({ status: 207, body: { accepted: 0 } });
        return refused !== undefined;
      });
      expect({ status: refused!.status, body: refused!.body, retryAfter: refused!.headers.get('retry-after') }).toEqual({
        status: 429,
        body: { error: 'overloaded', message: 'ingestion holds as many request bytes as it may (INGEST_MAX_IN_FLIGHT_BYTES); retry later' },
        retryAfter: '1',
      });
      expect(await onTopic()).toBe(before);

      slow.request.end(slowBody.slice(300));
      expect(await slow.answer).toMatchObject({ status: 200, body: { accepted: 1, rejected: 0 } });
      await waitUntil('the slow upload on the topic', () => recordsOf(id).length === 1);
      expect((await tightClient.send(key, outOfScope)).status).toBe(207);
    } finally {
      await tight.close();
    }
  });

  it('guards the key admin API with the admin token, and pages the keys', async () => {
    expect(await client.admin('GET', '/admin/keys', undefined, null)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await client.admin('POST', '/admin/keys', { name: 'mine', services: [SERVICE] }, `${ADMIN_TOKEN}-not`)).toMatchObject({ status: 401, body: { error: 'unauthorized', message: 'wrong admin token' } });
    expect(await client.admin('POST', '/admin/keys', { name: 'x', services: ['not an id'] })).toEqual({
      status: 400,
      headers: expect.anything(),
      body: { error: 'bad-request', problems: [{ path: 'services[0]', message: 'must be an id: letters, digits, . _ : - and no spaces, got "not an id"' }] },
    });
    expect(await client.admin('POST', '/admin/keys/key-000000000000/revoke')).toMatchObject({ status: 404, body: { error: 'not-found' } });

    const all: Array<{ id: string; revokedAt: string | null }> = [];
    let after: string | undefined;
    for (let pages = 0; pages < 50; pages += 1) {
      const page = await client.admin('GET', `/admin/keys?first=2${after ? `&after=${after}` : ''}`);
      const { nodes, pageInfo } = page.body as { nodes: typeof all; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
      expect(nodes.length).toBeLessThanOrEqual(2);
      all.push(...nodes);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor!;
    }
    const whole = (await client.admin('GET', '/admin/keys?first=500')).body as { nodes: typeof all };
    expect(all).toEqual(whole.nodes);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(all.some((k) => k.revokedAt !== null)).toBe(true);
    expect(JSON.stringify(whole)).not.toMatch(/upk_[A-Za-z0-9_-]{20}/);
    expect(await client.admin('GET', '/admin/keys?first=0')).toMatchObject({ status: 400, body: { problems: [{ path: 'first', message: 'must be an integer between 1 and 500' }] } });
    expect(await client.admin('GET', '/admin/keys?after=bm9wZQ')).toMatchObject({ status: 400, body: { problems: [{ path: 'after', message: 'is not a cursor of this list' }] } });
  });
});
