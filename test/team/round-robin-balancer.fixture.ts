import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinBalancer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Requests handed to each backend so far, in the order the backends were given. */
  handedOut(): number[];
  close(): Promise<void>;
}

/**
 * The load balancer a team puts in front of its engines, as small as it gets: every HTTP request goes to
 * the next backend in turn (per request, not per connection, so one keep-alive client still reaches them
 * all), body and answer streamed through unchanged. A backend that cannot be reached answers 502.
 */
export async function startRoundRobinBalancer(backends: readonly string[]): Promise<RoundRobinBalancer> {
  const counts = backends.map(() => 0);
  let next = 0;
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const index = next;
    next = (next + 1) % backends.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = new URL(incoming.url ?? '/', backends[index]);
    const upstream = request(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host }, agent: false }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
    incoming.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    handedOut: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
