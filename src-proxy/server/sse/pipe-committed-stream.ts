import type { ProxyError } from '../../errors/proxy-error';
import type { ChunkHandlers } from '../../http/dispatch-upstream';
import { upstreamNetworkError } from '../../http/upstream-network-error';

export interface PipeOptions {
  keepaliveSeconds: number;
  signal: AbortSignal;
  /** The client protocol's in-stream error event. */
  renderStreamError: (error: ProxyError) => string;
  /** Told every piece written to the client (a protocol's failure writer reads the stream it ends). */
  observe?: (written: Buffer | string) => void;
}

/** Upstream bytes -> client text, chunk by chunk (translation); `end` flushes what is left. */
export interface StreamTransform {
  chunk(data: Buffer): string;
  end(): string;
}

/** A stream ready for the client: its first piece already read (which is what committed it). */
export interface CommittedStream {
  status: number;
  contentType: string;
  first: Buffer | string;
  /** The rest of the upstream body, pushed as it arrives. */
  source: { pipe(handlers: ChunkHandlers): { resume(): void } };
  /** Absent on the pass-through path: upstream bytes go to the client unchanged. */
  transform?: StreamTransform;
  cancel(): void;
}

export type PipeResult = { ok: true } | { ok: false; error: ProxyError };

export type { StreamSink } from '../../sse/stream-sink';
import type { StreamSink } from '../../sse/stream-sink';

const sseHeaders = {
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * Writes a committed upstream stream to the client as it arrives: headers, the first piece, then every
 * chunk the moment it is read, with backpressure (a full client socket pauses the upstream socket until
 * 'drain'). Keep-alive comments go only between SSE events. A failure after commit ends the stream with
 * the client protocol's error event. Client gone: the upstream request is cancelled.
 */
export function pipeCommittedStream(sink: StreamSink, stream: CommittedStream, options: PipeOptions): Promise<PipeResult> {
  sink.writeHead(stream.status, { ...sseHeaders, 'content-type': stream.contentType });
  const writer = new BoundaryTrackingWriter(sink, options.observe);
  const keepalive = startKeepalive(writer, options.keepaliveSeconds);
  return new Promise((resolve) => {
    let settled = false;
    let control: { resume(): void } | undefined;
    const onDrain = () => control?.resume();
    const onClose = () => finish({ ok: false, error: upstreamNetworkError(new Error('client closed'), abortedSignal) });
    const finish = (result: PipeResult) => {
      if (settled) return;
      settled = true;
      clearInterval(keepalive);
      sink.off('drain', onDrain);
      sink.off('close', onClose);
      if (sink.destroyed) stream.cancel();
      else sink.end();
      resolve(result);
    };
    const fail = (error: unknown) => {
      const proxyError = upstreamNetworkError(error, options.signal);
      if (!sink.destroyed) {
        if (!writer.atBoundary) sink.write('\n\n');
        sink.write(options.renderStreamError(proxyError));
      }
      finish({ ok: false, error: proxyError });
    };
    sink.on('drain', onDrain);
    sink.on('close', onClose);
    writer.write(stream.first);
    const { transform } = stream;
    control = stream.source.pipe({
      onChunk: (chunk) => {
        if (settled) return false;
        try {
          return writer.write(transform ? transform.chunk(chunk) : chunk);
        } catch (error) {
          fail(error);
          return false;
        }
      },
      onEnd: () => {
        try {
          if (transform) writer.write(transform.end());
          finish({ ok: true });
        } catch (error) {
          fail(error);
        }
      },
      onError: fail,
    });
  });
}

/** A signal that is already aborted: a closed client reads as PX_CLIENT_ABORTED. */
const abortedSignal = AbortSignal.abort();

class BoundaryTrackingWriter {
  lastWriteAt = Date.now();
  /** True when everything written so far ends with a blank line, i.e. between SSE events. */
  atBoundary = true;

  constructor(
    private readonly sink: StreamSink,
    private readonly observe: ((written: Buffer | string) => void) | undefined,
  ) {}

  /** False when the client's socket is full (the caller pauses until 'drain'). */
  write(chunk: Buffer | string): boolean {
    if (chunk.length === 0) return true;
    this.lastWriteAt = Date.now();
    this.atBoundary = endsWithBlankLine(chunk);
    this.observe?.(chunk);
    return this.sink.write(chunk);
  }
}

const LF = 0x0a;
const CR = 0x0d;

/** Ends with `\n\n` or `\r\n\r\n`; a Buffer's last bytes are compared in place (every upstream chunk comes here). */
function endsWithBlankLine(chunk: Buffer | string): boolean {
  if (typeof chunk === 'string') return chunk.endsWith('\n\n') || chunk.endsWith('\r\n\r\n');
  const end = chunk.length;
  return chunk[end - 1] === LF && (chunk[end - 2] === LF || (chunk[end - 2] === CR && chunk[end - 3] === LF && chunk[end - 4] === CR));
}

function startKeepalive(writer: BoundaryTrackingWriter, seconds: number): NodeJS.Timeout | undefined {
  if (seconds <= 0) return undefined;
  const intervalMs = seconds * 1000;
  return setInterval(() => {
    if (writer.atBoundary && Date.now() - writer.lastWriteAt >= intervalMs - 50) writer.write(': keep-alive\n\n');
  }, intervalMs);
}
