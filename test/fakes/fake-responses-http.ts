/** node:http plumbing of the fake Responses upstream (the OpenAI fake keeps its own private copy). */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildErrorBody } from './fake-openai-bodies';

/** Timers still pending, cleared when the fake closes. */
export interface FakeTimers {
  timers: Set<NodeJS.Timeout>;
}

export interface StatusReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server, runtime: FakeTimers): Promise<void> {
  for (const timer of runtime.timers) clearTimeout(timer);
  runtime.timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function sendStatus(response: ServerResponse, step: StatusReply): void {
  const body = step.body ?? buildErrorBody(step.status);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(step.status, { 'content-type': contentType, ...step.headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function writeSseHead(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

/** Sleep that ends early when the connection closes or the fake is closed. */
export function pause(ms: number, response: ServerResponse, runtime: FakeTimers): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      runtime.timers.delete(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    runtime.timers.add(timer);
    response.once('close', done);
  });
}
