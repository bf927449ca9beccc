/**
 * Records what the agents send to the engine and what they get back, byte for byte, without touching
 * src-proxy: fastify publishes every new instance on the `fastify.initialization` diagnostics channel,
 * so this process (which runs its own engine) adds three hooks to it before any route exists.
 *
 * - onRequest: method, URL, headers; wraps `reply.raw.write/end` to copy the response bytes (JSON or SSE)
 * - preParsing: tees the raw request body (before the engine parses it)
 * - onError: the stack of anything a handler threw
 */
import diagnostics from 'node:diagnostics_channel';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ClientExchange {
  seq: number;
  startedAt: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: Buffer;
  status: number | undefined;
  responseHeaders: Record<string, string>;
  responseBody: Buffer;
  /** True once the response ended normally. */
  finished: boolean;
  /** True when the client closed the connection before the response ended. */
  clientAborted: boolean;
  /** Error a route handler threw (the engine renders it, but its fastify logger is off). */
  handlerError: string | undefined;
}

const exchanges: ClientExchange[] = [];
const byRequest = new WeakMap<object, ClientExchange>();
let installed = false;
// Held at module level: a channel without a strong reference may be collected on older Node versions.
const initChannel = diagnostics.channel('fastify.initialization');

/** Must run before the engine is created. Idempotent. */
export function installClientRecorder(): void {
  if (installed) return;
  installed = true;
  initChannel.subscribe((message) => {
    const fastify = (message as { fastify?: FastifyInstance }).fastify;
    if (fastify) addHooks(fastify);
  });
}

/** All exchanges so far, in arrival order (live array: read `.length` to mark a position). */
export function clientExchanges(): readonly ClientExchange[] {
  return exchanges;
}

function addHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const exchange: ClientExchange = {
      seq: exchanges.length + 1,
      startedAt: Date.now(),
      method: request.method,
      url: request.url,
      requestHeaders: flatten(request.headers),
      requestBody: Buffer.alloc(0),
      status: undefined,
      responseHeaders: {},
      responseBody: Buffer.alloc(0),
      finished: false,
      clientAborted: false,
      handlerError: undefined,
    };
    exchanges.push(exchange);
    byRequest.set(request.raw, exchange);
    tapResponse(reply, exchange);
    done();
  });
  fastify.addHook('onError', (request: FastifyRequest, _reply: FastifyReply, error: Error, done: () => void) => {
    const exchange = byRequest.get(request.raw);
    if (exchange) exchange.handlerError = error.stack ?? String(error);
    done();
  });
  fastify.addHook('preParsing', async (request: FastifyRequest, _reply: FastifyReply, payload: Readable) => {
    const exchange = byRequest.get(request.raw);
    if (!exchange) return payload;
    const parts: Buffer[] = [];
    const tee = new PassThrough();
    payload.on('data', (chunk: Buffer) => parts.push(Buffer.from(chunk)));
    payload.once('end', () => {
      exchange.requestBody = Buffer.concat(parts);
    });
    payload.once('error', (error) => tee.destroy(error));
    payload.pipe(tee);
    return tee;
  });
}

function tapResponse(reply: FastifyReply, exchange: ClientExchange): void {
  const raw = reply.raw;
  const parts: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (Buffer.isBuffer(chunk)) parts.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) parts.push(Buffer.from(chunk));
    else parts.push(Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    exchange.responseBody = Buffer.concat(parts);
  };
  const originalWrite = raw.write.bind(raw) as (...args: unknown[]) => boolean;
  const originalEnd = raw.end.bind(raw) as (...args: unknown[]) => typeof raw;
  (raw as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    keep(args[0], args[1]);
    return originalWrite(...args);
  };
  (raw as unknown as { end: (...args: unknown[]) => typeof raw }).end = (...args: unknown[]) => {
    keep(args[0], args[1]);
    return originalEnd(...args);
  };
  const snapshot = (): void => {
    exchange.status = raw.statusCode;
    exchange.responseHeaders = flatten(raw.getHeaders() as Record<string, string | string[] | number | undefined>);
  };
  raw.once('finish', () => {
    exchange.finished = true;
    snapshot();
  });
  raw.once('close', () => {
    if (!raw.writableFinished) exchange.clientAborted = true;
    snapshot();
  });
}

function flatten(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

/** The request body as JSON when it is JSON, else undefined. */
export function requestJson(exchange: ClientExchange): unknown {
  try {
    return JSON.parse(exchange.requestBody.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

