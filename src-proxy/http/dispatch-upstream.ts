import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { BoundedMemo } from '../../src-shared/bounded-memo';
import type { UpstreamRequest } from '../providers/provider-definition';
import { upstreamNetworkError } from './upstream-network-error';

/** An upstream response whose status and headers arrived; the body is read on demand. */
export interface UpstreamExchange {
  status: number;
  headers: IncomingHttpHeaders;
  /** Next body chunk, or null at the end. Rejects with a ProxyError when the upstream fails. */
  next(): Promise<Buffer | null>;
  /** The whole remaining body. */
  readAll(): Promise<Buffer>;
  /**
   * Switches to push mode: every further chunk (buffered ones first) goes to `onChunk` as it arrives,
   * with no promise per chunk (the hot path of streams). `onChunk` returning false pauses the upstream
   * socket until `resume()` (backpressure). Exactly one of `onEnd` / `onError` is called, once.
   */
  pipe(handlers: ChunkHandlers): { resume(): void };
  /** Stop reading and drop the connection's request (client went away, or we gave up). */
  cancel(): void;
}

export interface ChunkHandlers {
  onChunk(chunk: Buffer): boolean;
  onEnd(): void;
  onError(error: Error): void;
}

/** Bytes buffered before we pause the upstream socket until the consumer catches up (backpressure). */
const highWaterMark = 256 * 1024;

/**
 * One upstream call on undici's dispatcher API (no Readable in between: the cheapest path undici
 * offers, the same one its `stream()` uses). Resolves once headers arrived; the abort signal cancels the
 * call at any point. One object per call is the dispatch handler, the abort listener and the exchange
 * handed back (no closure per callback: this runs on every proxied request).
 */
export function dispatchUpstream(upstream: UpstreamRequest, dispatcher: Dispatcher, signal: AbortSignal): Promise<UpstreamExchange> {
  if (signal.aborted) return Promise.reject(upstreamNetworkError(new Error('aborted'), signal));
  return new Promise((resolve, reject) => {
    const target = parsedTargets.get(upstream.url);
    const exchange = new ExchangeState(signal, resolve, reject);
    signal.addEventListener('abort', exchange, { once: true });
    dispatcher.dispatch({ origin: target.origin, path: target.path, method: upstream.method, headers: upstream.headers, body: upstream.body ?? null }, exchange);
  });
}

/**
 * Origin and path of an upstream URL, parsed once per distinct URL (a credential's endpoints repeat on
 * every request; `new URL` costs ~1.5 us). Bounded: past 256 URLs (Gemini puts the model in the path)
 * the cache starts over.
 */
const parsedTargets = new BoundedMemo(256, (href: string): { origin: string; path: string } => {
  const url = new URL(href);
  return { origin: url.origin, path: url.pathname + url.search };
});

const noHeaders: IncomingHttpHeaders = Object.freeze({});

/** The dispatch handler of one call, and the UpstreamExchange it resolves to once headers arrived. */
class ExchangeState implements UpstreamExchange, Dispatcher.DispatchHandler {
  status = 0;
  headers: IncomingHttpHeaders = noHeaders;
  private controller: Dispatcher.DispatchController | undefined;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private error: Error | null = null;
  private waiter: (() => void) | undefined;
  private handlers: ChunkHandlers | undefined;
  /** Push mode only: the consumer asked us to wait. */
  private consumerPaused = false;

  constructor(
    private readonly signal: AbortSignal,
    private readonly resolve: (exchange: UpstreamExchange) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  /** The client's abort signal fired. */
  handleEvent(): void {
    this.controller?.abort(new Error('client aborted'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.signal.aborted) this.handleEvent();
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx informational: the real response follows
    this.status = statusCode;
    this.headers = headers;
    this.resolve(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.push(controller, chunk);
  }

  onResponseEnd(): void {
    this.finish(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const failure = upstreamNetworkError(error, this.signal);
    this.finish(failure);
    this.reject(failure);
  }

  private push(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.handlers && !this.consumerPaused && this.chunks.length === 0) {
      if (!this.handlers.onChunk(chunk)) this.pauseForConsumer();
      return;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > highWaterMark) controller.pause();
    this.wake();
  }

  finish(error: Error | null): void {
    this.ended = true;
    this.error = error;
    this.signal.removeEventListener('abort', this);
    if (this.handlers && !this.consumerPaused && this.chunks.length === 0) this.settleHandlers();
    this.wake();
  }

  pipe(handlers: ChunkHandlers): { resume(): void } {
    this.handlers = handlers;
    this.deliverQueued();
    return { resume: () => this.resumeForConsumer() };
  }

  /** Hands queued chunks to the consumer until it asks for a pause; settles once all is delivered. */
  private deliverQueued(): void {
    const handlers = this.handlers;
    if (!handlers) return;
    while (this.chunks.length > 0 && !this.consumerPaused) {
      const chunk = this.chunks.shift() as Buffer;
      this.buffered -= chunk.length;
      if (!handlers.onChunk(chunk)) this.pauseForConsumer();
    }
    if (this.chunks.length === 0 && !this.consumerPaused) {
      if (this.ended) this.settleHandlers();
      else if (this.controller?.paused) this.controller.resume();
    }
  }

  private pauseForConsumer(): void {
    this.consumerPaused = true;
    this.controller?.pause();
  }

  private resumeForConsumer(): void {
    if (!this.consumerPaused) return;
    this.consumerPaused = false;
    this.deliverQueued();
  }

  private settleHandlers(): void {
    const handlers = this.handlers;
    this.handlers = undefined;
    if (!handlers) return;
    if (this.error) handlers.onError(this.error);
    else handlers.onEnd();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  async next(): Promise<Buffer | null> {
    while (this.chunks.length === 0) {
      if (this.error) throw this.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    const chunk = this.chunks.shift() as Buffer;
    this.buffered -= chunk.length;
    if (this.controller?.paused && this.buffered <= highWaterMark / 2) this.controller.resume();
    return chunk;
  }

  /** Collects until the end (or failure), resuming a socket paused at the high-water mark: the caller wants all of it. */
  async readAll(): Promise<Buffer> {
    while (!this.ended) {
      if (this.controller?.paused) this.controller.resume();
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    if (this.error) throw this.error;
    const parts = this.chunks.splice(0);
    this.buffered = 0;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** An arrow: replies hand it on detached (`cancel: exchange.cancel`). */
  readonly cancel = (): void => {
    if (!this.ended) this.controller?.abort(new Error(this.signal.aborted ? 'client aborted' : 'cancelled'));
  };
}
