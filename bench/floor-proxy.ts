/**
 * The FLOOR: the least work a pass-through proxy can do. node:http in, an undici keep-alive pool out,
 * method/path/body forwarded, the upstream key swapped in, the response (JSON or SSE) piped back.
 * The engine is measured against this, in the same run, on the same machine; the floor is protocol
 * blind, so it always forwards to an upstream of the client's own wire (OpenAI, Anthropic...).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool, type Dispatcher } from 'undici';

/**
 * How the upstream body reaches the client:
 * - 'stream': undici's stream() writes upstream chunks straight into the client response (leanest);
 * - 'request': undici's request() returns a body Readable, piped with stream.pipeline (the common way).
 */
export type FloorMode = 'stream' | 'request';

export interface FloorProxyOptions {
  /** e.g. 'http://127.0.0.1:43121/v1'; client paths under /v1 map onto it. */
  upstreamBaseUrl: string;
  upstreamApiKey: string;
  mode?: FloorMode;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface FloorProxy {
  url: string;
  close(): Promise<void>;
}

// RFC 9110 section 7.6.1: connection-specific headers are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection']);

export async function startFloorProxy(options: FloorProxyOptions): Promise<FloorProxy> {
  const upstream = new URL(options.upstreamBaseUrl);
  const basePath = upstream.pathname.replace(/\/$/, '');
  const pool = new Pool(upstream.origin, { connections: 256, keepAliveTimeout: 30_000 });
  const authorization = `Bearer ${options.upstreamApiKey}`;
  const send = options.mode === 'request' ? sendWithRequest : sendWithStream;

  const server = createServer((request, response) => {
    void forward(request, response);
  });
  server.keepAliveTimeout = 30_000;

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    try {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      await send(pool, response, {
        method: request.method ?? 'GET',
        path: basePath + (request.url ?? '/').replace(/^\/v1(?=\/|$)/, ''),
        headers: forwardedRequestHeaders(request.headers, authorization),
        body: hasBody ? await readAll(request) : null,
        signal: controller.signal,
      });
    } catch {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'floor proxy: upstream request failed', type: 'upstream_error' } }));
      } else {
        response.destroy();
      }
    }
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}

type UpstreamCall = Dispatcher.RequestOptions;

async function sendWithStream(pool: Pool, response: ServerResponse, call: UpstreamCall): Promise<void> {
  await pool.stream(call, ({ statusCode, headers }) => {
    response.writeHead(statusCode, forwardedResponseHeaders(headers));
    return response;
  });
}

async function sendWithRequest(pool: Pool, response: ServerResponse, call: UpstreamCall): Promise<void> {
  const upstreamResponse = await pool.request(call);
  response.writeHead(upstreamResponse.statusCode, forwardedResponseHeaders(upstreamResponse.headers));
  await pipeline(upstreamResponse.body, response);
}

/** Small JSON bodies: one Buffer lets undici write it in one go with a content-length. */
async function readAll(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function forwardedRequestHeaders(headers: IncomingHttpHeaders, authorization: string): Record<string, string> {
  const forwarded: Record<string, string> = { authorization };
  // anthropic-version: an Anthropic Messages client's API version, which a pass-through must keep.
  for (const name of ['content-type', 'content-length', 'accept', 'anthropic-version'] as const) {
    const value = headers[name];
    if (typeof value === 'string') forwarded[name] = value;
  }
  return forwarded;
}

function forwardedResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const forwarded: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    forwarded[name] = value;
  }
  return forwarded;
}
