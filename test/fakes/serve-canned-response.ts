/**
 * A loopback HTTP server that answers each request with whatever the test hands it: the codec SDK tests
 * serve an encoder's output (or a rendered error) to an official SDK this way, over a real socket. It
 * records every request so a test can decode what the SDK sent.
 */
import { createServer, type ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { isRecord } from './fake-openai-bodies';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import { closeServer, listenOnLoopback } from './fake-upstream-server';

export interface CannedRequest {
  method: string;
  /** Request target as received, query string included. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The JSON body when it is an object, otherwise {}. */
  body: Record<string, unknown>;
}

export interface CannedReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Write the body in pieces of this many characters, so the client has to reassemble events. */
  pieceLength?: number;
}

export interface CannedServer {
  /** e.g. 'http://127.0.0.1:43121' (no path). */
  origin: string;
  /** Every request received, in arrival order. */
  requests: CannedRequest[];
  close(): Promise<void>;
}

export async function serveCannedResponse(reply: (request: CannedRequest) => CannedReply): Promise<CannedServer> {
  const requests: CannedRequest[] = [];
  const server = createServer((request, response) => {
    void readBody(request)
      .then((text) => {
        const body = parseBody(text);
        const canned = { method: request.method ?? 'GET', path: request.url ?? '/', headers: flattenHeaders(request.headers), body: isRecord(body) ? body : {} };
        requests.push(canned);
        writeReply(response, reply(canned));
      })
      .catch((error: unknown) => {
        // A throwing reply function fails the test with its message instead of a hung request.
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`serveCannedResponse: ${String(error)}`);
      });
  });
  const port = await listenOnLoopback(server);
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

/**
 * serveCannedResponse for the tests of one file: started in beforeAll, closed in afterAll. `origin` and
 * `requests` are read from the running server, so use them inside hooks and tests only.
 */
export function serveCannedResponseDuringTests(reply: (request: CannedRequest) => CannedReply): CannedServer {
  let running: CannedServer | undefined;
  beforeAll(async () => {
    running = await serveCannedResponse(reply);
  });
  afterAll(() => running?.close());
  const current = (): CannedServer => {
    if (running === undefined) throw new Error('serveCannedResponseDuringTests: the server runs only during the tests');
    return running;
  };
  return {
    get origin() {
      return current().origin;
    },
    get requests() {
      return current().requests;
    },
    close: () => current().close(),
  };
}

function writeReply(response: ServerResponse, reply: CannedReply): void {
  response.writeHead(reply.status, reply.headers);
  if (reply.pieceLength === undefined) {
    response.end(reply.body);
    return;
  }
  for (let offset = 0; offset < reply.body.length; offset += reply.pieceLength) response.write(reply.body.slice(offset, offset + reply.pieceLength));
  response.end();
}

export function jsonReply(body: unknown, status = 200): CannedReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function sseReply(text: string, contentType = 'text/event-stream'): CannedReply {
  return { status: 200, headers: { 'content-type': contentType }, body: text };
}
