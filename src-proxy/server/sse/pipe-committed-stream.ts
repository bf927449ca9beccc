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
  return new Promise((resolve) => new StreamPipe(sink, stream, options, resolve).start());
}

/**
 * One piped stream: the upstream's chunk handlers and the client socket's listeners are this object's
 * methods (bound once each where a listener must be a function), not a set of closures per stream.
 */
class StreamPipe implements ChunkHandlers {
  private readonly writer: BoundaryTrackingWriter;
  private readonly keepalive: NodeJS.Timeout | undefined;
  private settled = false;
  private control: { resume(): void } | undefined;
  private readonly onDrain = (): void => this.control?.resume();
  private readonly onClose = (): void => this.finish({ ok: false, error: upstreamNetworkError(new Error('client closed'), abortedSignal) });

  constructor(
    private readonly sink: StreamSink,
    private readonly stream: CommittedStream,
    private readonly options: PipeOptions,
    private readonly resolve: (result: PipeResult) => void,
  ) {
    this.writer = new BoundaryTrackingWriter(sink, options.observe);
    this.keepalive = startKeepalive(this.writer, options.keepaliveSeconds);
  }

  start(): void {
    this.sink.on('drain', this.onDrain);
    this.sink.on('close', this.onClose);
    this.writer.write(this.stream.first);
    this.control = this.stream.source.pipe(this);
  }

  onChunk(chunk: Buffer): boolean {
    if (this.settled) return false;
    const { transform } = this.stream;
    try {
      return this.writer.write(transform ? transform.chunk(chunk) : chunk);
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  onEnd(): void {
    try {
      const { transform } = this.stream;
      if (transform) this.writer.write(transform.end());
      this.finish({ ok: true });
    } catch (error) {
      this.onError(error);
    }
  }

  onError(error: unknown): void {
    const proxyError = upstreamNetworkError(error, this.options.signal);
    if (!this.sink.destroyed) {
      if (!this.writer.atBoundary) this.sink.write('\n\n');
      this.sink.write(this.options.renderStreamError(proxyError));
    }
    this.finish({ ok: false, error: proxyError });
  }

  private finish(result: PipeResult): void {
    if (this.settled) return;
    this.settled = true;
    clearInterval(this.keepalive);
    this.sink.off('drain', this.onDrain);
    this.sink.off('close', this.onClose);
    if (this.sink.destroyed) this.stream.cancel();
    else this.sink.end();
    this.resolve(result);
  }
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
