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
  /** Stop reading and drop the connection's request (client went away, or we gave up). */
  cancel(): void;
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
    const url = new URL(upstream.url);
    const state = new ExchangeState(signal);
    const onAbort = () => state.controller?.abort(new Error('client aborted'));
    if (signal.aborted) return reject(upstreamNetworkError(new Error('aborted'), signal));
    signal.addEventListener('abort', onAbort, { once: true });
    state.onSettled = () => signal.removeEventListener('abort', onAbort);
    dispatcher.dispatch(
      { origin: url.origin, path: url.pathname + url.search, method: upstream.method, headers: upstream.headers, body: upstream.body ?? null },
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

class ExchangeState {
  controller: Dispatcher.DispatchController | undefined;
  onSettled: () => void = () => undefined;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private error: Error | null = null;
  private waiter: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {}

  exchange(status: number, headers: IncomingHttpHeaders): UpstreamExchange {
    return { status, headers, next: () => this.next(), readAll: () => this.readAll(), cancel: () => this.cancel() };
  }

  push(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > highWaterMark) controller.pause();
    this.wake();
  }

  finish(error: Error | null): void {
    this.ended = true;
    this.error = error;
    this.onSettled();
    this.wake();
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
