import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
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
 * call at any point.
 */
export function dispatchUpstream(upstream: UpstreamRequest, dispatcher: Dispatcher, signal: AbortSignal): Promise<UpstreamExchange> {
  return new Promise((resolve, reject) => {
    const target = parsedTarget(upstream.url);
    const state = new ExchangeState(signal);
    const onAbort = () => state.controller?.abort(new Error('client aborted'));
    if (signal.aborted) return reject(upstreamNetworkError(new Error('aborted'), signal));
    signal.addEventListener('abort', onAbort, { once: true });
    state.onSettled = () => signal.removeEventListener('abort', onAbort);
    dispatcher.dispatch(
      { origin: target.origin, path: target.path, method: upstream.method, headers: upstream.headers, body: upstream.body ?? null },
      {
        onRequestStart: (controller) => {
          state.controller = controller;
          if (signal.aborted) onAbort();
        },
        onResponseStart: (_controller, statusCode, headers) => {
          if (statusCode < 200) return; // 1xx informational: the real response follows
          resolve(state.exchange(statusCode, headers));
        },
        onResponseData: (controller, chunk) => state.push(controller, chunk),
        onResponseEnd: () => state.finish(null),
        onResponseError: (_controller, error) => {
          const failure = upstreamNetworkError(error, signal);
          state.finish(failure);
          reject(failure);
        },
      },
    );
  });
}

/**
 * Origin and path of an upstream URL, parsed once per distinct URL (a credential's endpoints repeat on
 * every request; `new URL` costs ~1.5 us). Bounded: past 256 URLs (Gemini puts the model in the path)
 * the cache starts over.
 */
const parsedTargets = new Map<string, { origin: string; path: string }>();

function parsedTarget(href: string): { origin: string; path: string } {
  let target = parsedTargets.get(href);
  if (target === undefined) {
    const url = new URL(href);
    target = { origin: url.origin, path: url.pathname + url.search };
    if (parsedTargets.size >= 256) parsedTargets.clear();
    parsedTargets.set(href, target);
  }
  return target;
}

class ExchangeState {
  controller: Dispatcher.DispatchController | undefined;
  onSettled: () => void = () => undefined;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private error: Error | null = null;
  private waiter: (() => void) | undefined;
  private handlers: ChunkHandlers | undefined;
  /** Push mode only: the consumer asked us to wait. */
  private consumerPaused = false;

  constructor(private readonly signal: AbortSignal) {}

  exchange(status: number, headers: IncomingHttpHeaders): UpstreamExchange {
    return {
      status,
      headers,
      next: () => this.next(),
      readAll: () => this.readAll(),
      pipe: (handlers) => this.pipe(handlers),
      cancel: () => this.cancel(),
    };
  }

  push(controller: Dispatcher.DispatchController, chunk: Buffer): void {
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
    this.onSettled();
    if (this.handlers && !this.consumerPaused && this.chunks.length === 0) this.settleHandlers();
    this.wake();
  }

  private pipe(handlers: ChunkHandlers): { resume(): void } {
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

  private async next(): Promise<Buffer | null> {
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

  private async readAll(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let chunk = await this.next(); chunk; chunk = await this.next()) parts.push(chunk);
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  private cancel(): void {
    if (!this.ended) this.controller?.abort(new Error(this.signal.aborted ? 'client aborted' : 'cancelled'));
  }
}
