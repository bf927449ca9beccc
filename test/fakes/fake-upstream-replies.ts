/**
 * Reply plumbing every fake upstream shares: JSON and status replies, a stream written frame by frame
 * (with the socket's backpressure and optional delays), the two ways to cut a reply short, and the steps
 * whose meaning does not depend on the wire (reset before headers, stall, slow stream).
 */
import type { ServerResponse } from 'node:http';
import { waitForDrain, writeFlushed } from './fake-http-helpers';
import type { BasicOkStep, FakeExchange } from './fake-upstream-server';

/** Headers of an SSE stream as api.openai.com and api.anthropic.com send them. */
export const SSE_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** How a wire labels its JSON replies: the content type, plus headers it adds to every reply. */
export interface JsonStyle {
  contentType: string;
  headers?: Record<string, string>;
}

export const PLAIN_JSON: JsonStyle = { contentType: 'application/json' };

export interface StatusStep {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, style: JsonStyle = PLAIN_JSON): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': style.contentType, ...style.headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** A `status` step: its body (a string is sent as text) or the wire's error body for the status. */
export function sendStatusStep(response: ServerResponse, step: StatusStep, defaultBody: unknown, style: JsonStyle = PLAIN_JSON): void {
  const body = step.body ?? defaultBody;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : style.contentType;
  response.writeHead(step.status, { 'content-type': contentType, ...style.headers, ...step.headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** A JSON answer that takes `delayMs` to come (a slow non-stream reply); nothing if the client left. */
export async function sendJsonAfter(exchange: FakeExchange<unknown>, delayMs: number, body: unknown, style: JsonStyle = PLAIN_JSON): Promise<void> {
  if (delayMs > 0) await exchange.pause(delayMs);
  if (!exchange.response.destroyed) sendJson(exchange.response, 200, body, style);
}

export function writeStreamHead(response: ServerResponse, headers: Readonly<Record<string, string>> = SSE_HEADERS): void {
  response.writeHead(200, headers);
  response.flushHeaders();
}

export interface StreamPacing<TItem> {
  /** Pause this long after each item `pauseAfter` accepts (all items when it is absent). */
  delayMs: number;
  pauseAfter?(item: TItem): boolean;
  /** Written with the end of the response, e.g. 'data: [DONE]\n\n'. */
  trailer?: string;
}

/** Write a 200 stream item by item, waiting for drain when the socket is full; stops if the client left. */
export async function streamItems<TItem>(
  exchange: FakeExchange<unknown>,
  head: Readonly<Record<string, string>>,
  items: readonly TItem[],
  format: (item: TItem, index: number) => string,
  pacing: StreamPacing<TItem>,
): Promise<void> {
  const { response } = exchange;
  writeStreamHead(response, head);
  for (const [index, item] of items.entries()) {
    if (response.destroyed) return;
    if (!response.write(format(item, index))) await waitForDrain(response);
    if (pacing.delayMs > 0 && (pacing.pauseAfter?.(item) ?? true)) await exchange.pause(pacing.delayMs);
  }
  if (response.destroyed) return;
  if (pacing.trailer === undefined) response.end();
  else response.end(pacing.trailer);
}

/** `reset-mid-stream` on a stream: headers and these frames reach the client, then the socket is cut. */
export async function cutStream(exchange: FakeExchange<unknown>, head: Readonly<Record<string, string>>, frames: readonly string[]): Promise<void> {
  writeStreamHead(exchange.response, head);
  for (const frame of frames) await writeFlushed(exchange.response, frame);
  exchange.destroySocket();
}

/** `reset-mid-stream` on a JSON reply: announce the full body, send half of it, then cut the connection. */
export async function cutJsonBody(exchange: FakeExchange<unknown>, body: unknown, contentType = PLAIN_JSON.contentType): Promise<void> {
  const text = JSON.stringify(body);
  exchange.response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  await writeFlushed(exchange.response, text.slice(0, Math.floor(text.length / 2)));
  exchange.destroySocket();
}

/** The steps that mean the same on every wire, given the wire's success reply. */
export function wireIndependentSteps<TRoute>(respondOk: (step: BasicOkStep, exchange: FakeExchange<TRoute>) => Promise<void>): {
  'reset-before-headers': (step: unknown, exchange: FakeExchange<TRoute>) => void;
  stall: (step: { ms: number }, exchange: FakeExchange<TRoute>) => Promise<void>;
  'slow-stream': (step: { chunks: number; chunkDelayMs: number }, exchange: FakeExchange<TRoute>) => Promise<void>;
} {
  return {
    'reset-before-headers': (_step, exchange) => exchange.destroySocket(),
    stall: async (step, exchange) => {
      await exchange.pause(step.ms);
      await respondOk({ kind: 'ok' }, exchange);
    },
    'slow-stream': (step, exchange) => respondOk({ kind: 'ok', chunks: step.chunks, chunkDelayMs: step.chunkDelayMs }, exchange),
  };
}
