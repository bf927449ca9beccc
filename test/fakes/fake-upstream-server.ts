/**
 * The scaffolding every fake upstream shares: a node:http server on 127.0.0.1 (free port), every request
 * recorded (with `aborted` when the client went away), a queue of scripted steps consumed one per request
 * to a known route, `waitForRequests`, and a close() that ends every connection and timer. A fake brings
 * only its wire: the routes, the refusals, and one handler per step kind (fake-upstream-replies.ts has
 * the reply plumbing they share).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import type { FakeUpstreamControls, RecordedRequest } from './fake-upstream-types';

/** One request being answered. */
export interface FakeExchange<TRoute> {
  readonly route: TRoute;
  readonly record: RecordedRequest;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** 1 for the first request this server received, 2 for the next, and so on. */
  readonly serial: number;
  /** Sleep that ends early when the connection closes or the fake is closed. */
  pause(ms: number): Promise<void>;
  /** Cut the connection on purpose: not recorded as a client abort. */
  destroySocket(): void;
}

/** The success step every fake has; its other fields are optional, so `{ kind: 'ok' }` is always one. */
export interface BasicOkStep {
  kind: 'ok';
  chunks?: number;
  chunkDelayMs?: number;
}

type StepReply = void | Promise<void>;

/** One handler per step kind, so a fake that adds a kind must answer it (the compiler checks). */
export type StepHandlers<TStep extends { kind: string }, TRoute> = {
  [K in TStep['kind']]: (step: Extract<TStep, { kind: K }>, exchange: FakeExchange<TRoute>) => StepReply;
} & { ok(step: BasicOkStep, exchange: FakeExchange<TRoute>): StepReply };

export interface FakeUpstreamScript<TRoute, TStep extends { kind: string }> {
  /** Names the fake in waitForRequests' timeout error, e.g. "fake Gemini upstream 'g1'". */
  label: string;
  matchRoute(method: string, path: string): TRoute | undefined;
  /** The reply to a request no route matches (a 404 in the wire's error shape). */
  replyNotFound(exchange: FakeExchange<undefined>): void;
  /** Checked before a step is consumed (e.g. a missing API key); true when it replied. */
  refuse?(exchange: FakeExchange<TRoute>): boolean;
  /** An empty queue means `steps.ok({ kind: 'ok' })`. */
  steps: StepHandlers<TStep, TRoute>;
  /** See FakeOpenAIUpstreamOptions.keepAliveTimeoutMs. */
  keepAliveTimeoutMs?: number | undefined;
}

export interface FakeUpstreamServer<TStep> {
  port: number;
  controls: FakeUpstreamControls<TStep>;
}

interface Waiter {
  count: number;
  resolve(): void;
  timer: NodeJS.Timeout;
}

/** What one request sees of its server. */
interface ServerState<TStep> {
  serial: number;
  timers: Set<NodeJS.Timeout>;
  onRecorded(record: RecordedRequest): void;
  nextStep(): TStep | undefined;
}

export async function startFakeUpstreamServer<TRoute, TStep extends { kind: string }>(
  script: FakeUpstreamScript<TRoute, TStep>,
): Promise<FakeUpstreamServer<TStep>> {
  const requests: RecordedRequest[] = [];
  const queue: TStep[] = [];
  const waiters = new Set<Waiter>();
  const timers = new Set<NodeJS.Timeout>();
  let serial = 0;
  const onRecorded = (record: RecordedRequest): void => {
    requests.push(record);
    for (const waiter of waiters) {
      if (requests.length < waiter.count) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const server = createServer((request, response) => {
    serial += 1;
    void answer(request, response, script, { serial, timers, onRecorded, nextStep: () => queue.shift() });
  });
  if (script.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = script.keepAliveTimeoutMs;
  const port = await listenOnLoopback(server);
  const waitForRequests = (count: number, timeoutMs = 2000): Promise<void> => {
    if (requests.length >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`${script.label}: expected ${count} requests, got ${requests.length} in ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { count, resolve, timer };
      waiters.add(waiter);
    });
  };
  const controls: FakeUpstreamControls<TStep> = {
    requests,
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    waitForRequests,
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () => closeServer(server, timers),
  };
  return { port, controls };
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

/** Clears pending timers, ends every connection (open streams included) and stops listening. */
export function closeServer(server: Server, timers: Set<NodeJS.Timeout> = new Set()): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function answer<TRoute, TStep extends { kind: string }>(
  request: IncomingMessage,
  response: ServerResponse,
  script: FakeUpstreamScript<TRoute, TStep>,
  state: ServerState<TStep>,
): Promise<void> {
  const exchange = openExchange(request, response, state, script.matchRoute(request.method ?? 'GET', request.url ?? '/'));
  const { record } = exchange;
  record.body = parseBody(await readBody(request));
  state.onRecorded(record);
  if (record.aborted) return;
  if (exchange.route === undefined) {
    script.replyNotFound({ ...exchange, route: undefined });
    return;
  }
  const routed = exchange as FakeExchange<TRoute>;
  if (script.refuse?.(routed)) return;
  const step = state.nextStep();
  if (step === undefined) {
    await script.steps.ok({ kind: 'ok' }, routed);
    return;
  }
  // StepHandlers pairs each kind with its handler; TypeScript cannot follow that pairing through an index.
  const handler = script.steps[step.kind as TStep['kind']] as unknown as (step: TStep, exchange: FakeExchange<TRoute>) => StepReply;
  await handler(step, routed);
}

/** Records the request and notices a client that leaves before the reply is finished. */
function openExchange<TRoute>(
  request: IncomingMessage,
  response: ServerResponse,
  state: ServerState<unknown>,
  route: TRoute | undefined,
): FakeExchange<TRoute | undefined> {
  const record: RecordedRequest = {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: flattenHeaders(request.headers),
    body: undefined,
    receivedAt: Date.now(),
    aborted: false,
  };
  let selfDestroyed = false;
  response.on('close', () => {
    if (!response.writableFinished && !selfDestroyed) record.aborted = true;
  });
  return {
    route,
    record,
    request,
    response,
    serial: state.serial,
    pause: (ms) => pause(ms, response, state.timers),
    destroySocket: () => {
      selfDestroyed = true;
      request.socket.destroy();
    },
  };
}

/** Sleep that ends early when the connection closes or the fake is closed. */
function pause(ms: number, response: ServerResponse, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      timers.delete(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timers.add(timer);
    response.once('close', done);
  });
}
