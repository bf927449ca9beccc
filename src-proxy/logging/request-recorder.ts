import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { UpstreamRequest } from '../providers/provider-definition';
import type { AttemptOutcome } from '../routing/execute-with-retry';
import type { UpstreamReply } from '../http/upstream-reply';
import type { StreamSink } from '../sse/stream-sink';
import {
  formatClientRequest,
  formatClientResponse,
  formatClientResponseHead,
  formatUpstreamEvents,
  type ClientRequestFacts,
  type ClientResponseFacts,
  type UpstreamEvent,
} from './format-request-log';
import type { LogsFolder } from './logs-folder';
import type { SecretMasker } from './mask-secrets';
import { errorLogFileName, requestLogFileName } from './request-log-file-name';

type HeaderBag = Readonly<Record<string, string | string[] | number | undefined>>;

/**
 * 'full' (`request-log: true`): every request is written, a stream's chunks as they reach the client.
 * 'errors' (`request-log: false`): only a request that ends with status >= 400 (not a client cancel) is
 * written, as `error-*.log`; until then the recorder only holds references to what exists anyway.
 */
export type RecordingMode = 'full' | 'errors';

export interface RecorderContext {
  mode: RecordingMode;
  folder: LogsFolder;
  /** Built only when a file is written (it compiles the engine's secrets into one pattern). */
  masker(): SecretMasker;
  /** `error-logs-max-files`; 0 keeps every error log. */
  errorLogsMaxFiles: number;
  onWriteError(error: unknown): void;
}

/**
 * One request's log (docs/config.md#request-log-files). The pipeline reports each upstream attempt and taps a committed stream;
 * the capture hooks report the client response and the end of the connection. Everything is masked when
 * written, never when recorded, so a request that writes no file pays nothing but a few references.
 */
export class RequestRecorder {
  private readonly upstream: UpstreamEvent[] = [];
  private response: ClientResponseFacts | null = null;
  private file: WriteStream | null = null;

  constructor(
    private readonly context: RecorderContext,
    private readonly request: ClientRequestFacts,
  ) {}

  /**
   * One upstream attempt: its request is noted now, its outcome when it settles (a 2xx with its body, a
   * stream whose body the client's copy shows, or the failure). Hands the outcome on unchanged.
   */
  async recordAttempt(upstream: UpstreamRequest, attempt: Promise<AttemptOutcome<UpstreamReply>>): Promise<AttemptOutcome<UpstreamReply>> {
    this.upstream.push({ kind: 'request', at: new Date(), method: upstream.method, url: upstream.url, headers: upstream.headers, body: upstream.body });
    const outcome = await attempt;
    const at = new Date();
    if (outcome.ok) {
      const reply = outcome.value;
      const headers = reply.headers ?? { 'content-type': reply.contentType };
      this.upstream.push({ kind: 'response', at, status: reply.status, headers, body: reply.kind === 'buffered' ? reply.body : undefined });
    } else {
      const { failure, error } = outcome;
      this.upstream.push({ kind: 'error', at, status: failure.status, message: error.message, headers: failure.headers ?? {}, body: failure.body });
    }
    return outcome;
  }

  /** A buffered reply leaving for the client (from fastify's onSend). */
  clientResponse(response: ClientResponseFacts): void {
    this.response = response;
  }

  /**
   * The sink a committed stream is written to: in 'full' mode each chunk is also appended to the log file
   * as it goes out (no buffering here; the file stream writes in order). 'errors' mode: the sink itself.
   */
  tapStream(sink: StreamSink): StreamSink {
    if (this.context.mode !== 'full') return sink;
    return {
      get destroyed() {
        return sink.destroyed;
      },
      writeHead: (status, headers) => {
        this.openStreamFile(status, headers);
        return sink.writeHead(status, headers);
      },
      write: (chunk) => {
        this.file?.write(this.context.masker().text(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
        return sink.write(chunk);
      },
      end: () => sink.end(),
      on: (event, listener) => sink.on(event, listener),
      off: (event, listener) => sink.off(event, listener),
    };
  }

  /** The connection is done: `status` as sent, `clientClosed` when the client left before the end. */
  finish(status: number, clientClosed: boolean): void {
    if (this.file) {
      this.file.end(clientClosed ? '\n\n[the client closed the connection before the end]\n' : '\n');
      return;
    }
    const { mode, folder } = this.context;
    if (mode === 'full') {
      void this.writeWhole(folder.path(requestLogFileName(this.request.url, this.request.startedAt, this.request.id)), status);
    } else if (status >= 400 && !clientClosed) {
      this.writeErrorLog(status);
    }
  }

  private writeErrorLog(status: number): void {
    const { folder, errorLogsMaxFiles } = this.context;
    const name = errorLogFileName(this.request.url, this.request.startedAt, this.request.id);
    let text: string;
    try {
      text = this.head() + formatClientResponse(this.response ?? { status, headers: {}, body: undefined }, this.context.masker());
    } catch (error) {
      this.context.onWriteError(error);
      return;
    }
    folder.writeErrorLog(name, text, errorLogsMaxFiles).catch((error: unknown) => this.context.onWriteError(error));
  }

  private head(): string {
    const mask = this.context.masker();
    return formatClientRequest(this.request, mask) + formatUpstreamEvents(this.upstream, mask);
  }

  private async writeWhole(path: string, status: number): Promise<void> {
    const response = this.response ?? { status, headers: {}, body: undefined };
    try {
      this.context.folder.ensure();
      await this.context.folder.track(writeFile(path, this.head() + formatClientResponse(response, this.context.masker()), { mode: 0o600 }));
    } catch (error) {
      this.context.onWriteError(error);
    }
  }

  private openStreamFile(status: number, headers: HeaderBag): void {
    const { folder } = this.context;
    try {
      folder.ensure();
    } catch (error) {
      this.context.onWriteError(error);
      return;
    }
    this.file = createWriteStream(folder.path(requestLogFileName(this.request.url, this.request.startedAt, this.request.id)), { mode: 0o600 });
    this.file.on('error', (error) => this.context.onWriteError(error));
    this.file.write(this.head() + formatClientResponseHead(status, headers, this.context.masker()));
  }
}
