import type { ProxyError } from '../../errors/proxy-error';
import { upstreamNetworkError } from '../../http/upstream-network-error';


export interface PipeOptions {
  keepaliveSeconds: number;
  signal: AbortSignal;
  /** The client protocol's in-stream error event. */
  renderStreamError: (error: ProxyError) => string;
}

/** A stream ready for the client: its first piece already read (which is what committed it). */
export interface CommittedStream {
  status: number;
  contentType: string;
  first: Buffer | string;
  rest: AsyncIterator<Buffer | string>;
  cancel(): void;
}

export type PipeResult = { ok: true } | { ok: false; error: ProxyError };

/**
 * Where a committed stream is written: the HTTP response (a ServerResponse fits as it is) or another
 * transport, such as the Responses WebSocket, that turns the SSE text into its own frames.
 */
export interface StreamSink {
  readonly destroyed: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** False asks the writer to wait for 'drain' (or 'close') before writing more. */
  write(chunk: Buffer | string): boolean;
  end(): unknown;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

const sseHeaders = {
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * Writes a committed upstream stream to the client as it arrives: headers, the first chunk, then every
 * chunk with backpressure (waits for 'drain'). Keep-alive comments are written only between SSE events.
 * A failure after commit ends the stream with the client protocol's error event.
 */
export async function pipeCommittedStream(raw: StreamSink, reply: CommittedStream, options: PipeOptions): Promise<PipeResult> {
  raw.writeHead(reply.status, { ...sseHeaders, 'content-type': reply.contentType });
  const writer = new BoundaryTrackingWriter(raw);
  const keepalive = startKeepalive(writer, options.keepaliveSeconds);
  try {
    await writer.write(reply.first);
    for (;;) {
      const next = await reply.rest.next();
      if (next.done) break;
      if (raw.destroyed) break;
      await writer.write(next.value);
    }
    return { ok: true };
  } catch (error) {
    const proxyError = upstreamNetworkError(error, options.signal);
    if (!raw.destroyed) {
      if (!writer.atBoundary) raw.write('\n\n');
      raw.write(options.renderStreamError(proxyError));
    }
    return { ok: false, error: proxyError };
  } finally {
    clearInterval(keepalive);
    if (raw.destroyed) reply.cancel();
    else raw.end();
  }
}

class BoundaryTrackingWriter {
  lastWriteAt = Date.now();
  /** True when everything written so far ends with a blank line, i.e. between SSE events. */
  atBoundary = true;

  constructor(private readonly raw: StreamSink) {}

  async write(chunk: Buffer | string): Promise<void> {
    this.lastWriteAt = Date.now();
    if (chunk.length === 0) return;
    this.atBoundary = endsWithBlankLine(chunk);
    if (!this.raw.write(chunk)) await waitForDrain(this.raw);
  }
}

function endsWithBlankLine(chunk: Buffer | string): boolean {
  const text = typeof chunk === 'string' ? chunk.slice(-4) : chunk.subarray(-4).toString('latin1');
  return text.endsWith('\n\n') || text.endsWith('\r\n\r\n');
}

function waitForDrain(raw: StreamSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

function startKeepalive(writer: BoundaryTrackingWriter, seconds: number): NodeJS.Timeout | undefined {
  if (seconds <= 0) return undefined;
  const intervalMs = seconds * 1000;
  return setInterval(() => {
    if (writer.atBoundary && Date.now() - writer.lastWriteAt >= intervalMs - 50) {
      void writer.write(': keep-alive\n\n');
    }
  }, intervalMs);
}
