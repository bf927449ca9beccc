import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { SseParser } from '../../sse/sse-parser';
import type { StreamSink } from '../sse/pipe-committed-stream';

/** Above this many queued bytes the writer waits, like an HTTP response's highWaterMark. */
const highWaterBytes = 256 * 1024;

/** Told about every event sent, in order (the turn memory reads response ids and output items). */
export type SentEventObserver = (event: Record<string, unknown>) => void;

/**
 * The Responses stream written to a WebSocket: the same SSE text the HTTP route sends is parsed back
 * into events, and each event's `data` JSON goes out as one text frame, unchanged. Comments (keep-alive)
 * and data that is not a JSON object (`[DONE]`, a fragment cut by an upstream failure) send nothing.
 * Backpressure: write() returns false while the socket has more than `highWaterBytes` queued, and
 * 'drain' follows when a send completes below it.
 */
export class WebsocketEventSink implements StreamSink {
  private readonly parser = new SseParser();
  private readonly emitter = new EventEmitter();
  private readonly onSocketClose = (): void => {
    this.emitter.emit('close');
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly observe: SentEventObserver,
  ) {
    socket.on('close', this.onSocketClose);
  }

  get destroyed(): boolean {
    return this.socket.readyState !== this.socket.OPEN;
  }

  /** A WebSocket has no per-response status line: the stream's frames are the answer. */
  writeHead(): void {}

  write(chunk: Buffer | string): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (const event of this.parser.push(bytes)) this.sendData(event.data);
    return this.socket.bufferedAmount < highWaterBytes;
  }

  /** The stream is over; the socket stays open for the next request. */
  end(): void {
    for (const event of this.parser.end()) this.sendData(event.data);
    this.socket.off('close', this.onSocketClose);
  }

  on(event: 'drain' | 'close', listener: () => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off(event: 'drain' | 'close', listener: () => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  private sendData(data: string): void {
    const event = parseEventObject(data);
    if (!event || this.destroyed) return;
    this.observe(event);
    this.socket.send(data, () => {
      if (this.socket.bufferedAmount < highWaterBytes) this.emitter.emit('drain');
    });
  }
}

function parseEventObject(data: string): Record<string, unknown> | undefined {
  if (!data.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
