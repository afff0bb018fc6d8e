import { request as httpRequest, type ClientRequest } from 'node:http';
import { METRIC_SAMPLES_TOPIC, type EnvelopeOf } from '@underpin/contracts';
import type { EventBus } from '@underpin/messaging';

export const ADMIN_TOKEN = 'admin-token-for-the-ingestion-specs-0123456789';

export type SampleEnvelope = EnvelopeOf<typeof METRIC_SAMPLES_TOPIC>;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** The service's HTTP API as a source and an operator use it. */
export class IngestionClient {
  constructor(readonly url: string) {}

  async createKey(input: { name: string; services: string[]; regions?: string[] }): Promise<{ id: string; key: string }> {
    const res = await this.admin('POST', '/admin/keys', input);
    if (res.status !== 201) throw new Error(`creating a key answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; key: string };
  }

  async revokeKey(id: string): Promise<Answer> {
    return this.admin('POST', `/admin/keys/${encodeURIComponent(id)}/revoke`);
  }

  /** `token` null: no Authorization header at all. */
  async admin(method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<Answer> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  async send(key: string | undefined, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.url}/samples`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
  }

  /** A request whose body is written by the caller, a part at a time. */
  open(key: string, length: number): { request: ClientRequest; answer: Promise<Answer> } {
    const url = new URL(`${this.url}/samples`);
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': String(length) } });
    const answer = new Promise<Answer>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: JSON.parse(text) as Record<string, unknown> }));
      });
      request.on('error', reject);
    });
    request.flushHeaders();
    return { request, answer };
  }
}

/** How many records `metrics.samples.v1` holds, over all partitions. */
export async function recordsOnTopic(bus: EventBus, group: string): Promise<number> {
  const positions = await bus.groupPositions(METRIC_SAMPLES_TOPIC, group);
  return positions.reduce((sum, p) => sum + p.end, 0);
}
