/**
 * What the device-flow OAuth fakes (Qwen, xAI) share: the loopback server that records each form request and
 * answers JSON, and the script of device-code poll answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders, readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';
import type { FakeOAuthRecorded } from './fake-oauth-server';

/** What one device-code poll answers: an RFC 8628 error (HTTP 400, as the services send it), or the tokens. */
export type FakeDevicePollStep = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'approve';

/** Status and JSON body for one request; `form` is the url-encoded body. */
export type FakeFormAnswer = (method: string, path: string, form: Record<string, string>) => [number, unknown] | Promise<[number, unknown]>;

/** A server on 127.0.0.1 that records every request in `requests` and answers it with `answer`. */
export async function startFakeFormServer(answer: FakeFormAnswer, requests: FakeOAuthRecorded[]): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
      requests.push({ method: request.method ?? 'GET', path: url.pathname, headers: flattenHeaders(request.headers), body: form });
      const [status, payload] = await answer(request.method ?? 'GET', url.pathname, form);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  };
}

/** The poll answers in order, the last one repeating (default: approve at once), and when each poll came. */
export interface FakeDevicePollScript {
  set(steps: FakeDevicePollStep[]): void;
  /** A new device code starts the script again. */
  restart(): void;
  /** Records that a poll came (any outcome). */
  mark(): void;
  /** The answer of the next poll of a valid device code. */
  next(): FakeDevicePollStep;
  times(): number[];
}

export function fakeDevicePollScript(): FakeDevicePollScript {
  let steps: FakeDevicePollStep[] = ['approve'];
  let index = 0;
  const times: number[] = [];
  return {
    set(next) {
      steps = next.length > 0 ? [...next] : ['approve'];
      index = 0;
    },
    restart() {
      index = 0;
    },
    mark() {
      times.push(Date.now());
    },
    next() {
      const step = steps[Math.min(index, steps.length - 1)] ?? 'approve';
      index += 1;
      return step;
    },
    times: () => [...times],
  };
}
