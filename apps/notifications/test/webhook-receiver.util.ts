import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../src';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the signature matched the secret of the path, over the raw bytes received. */
  signatureValid: boolean;
  /** The status this receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Per path: its secret and the statuses to answer in turn (the last one repeats). */
  route(path: string, secret: string, statuses: number[]): void;
  close(): Promise<void>;
}

/** A loopback HTTP server that checks signatures like a real receiver and answers as scripted. */
export async function startWebhookReceiver(now: () => number): Promise<WebhookReceiver> {
  const routes = new Map<string, { secret: string; statuses: number[]; calls: number }>();
  const received: ReceivedHook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const route = routes.get(path);
      const body = Buffer.concat(chunks);
      const header = (name: string) => {
        const value = request.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      };
      const signatureValid = route !== undefined && verifyWebhookSignature(route.secret, header('X-Underpin-Timestamp'), body, header('X-Underpin-Signature'), { now: now() });
      let status = 404;
      if (route !== undefined) {
        status = signatureValid ? route.statuses[Math.min(route.calls, route.statuses.length - 1)]! : 401;
        route.calls++;
      }
      received.push({ path, headers: request.headers, body: body.toString('utf8'), signatureValid, status });
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    route: (path, secret, statuses) => routes.set(path, { secret, statuses, calls: 0 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
