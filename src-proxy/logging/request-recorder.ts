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
  /** `requestId`: the request whose log could not be written (one context serves many requests). */
  onWriteError(error: unknown, requestId: string): void;
}

/** One upstream attempt as it happened, by reference: turned into log events only when a file is written. */
interface RecordedAttempt {
  upstream: UpstreamRequest;
  sentAt: number;
  outcome: AttemptOutcome<UpstreamReply> | undefined;
  settledAt: number;
}

/**
 * One request's log (docs/config.md#request-log-files). The pipeline reports each upstream attempt and taps a committed stream;
 * the capture hooks report the client response and the end of the connection. Everything is masked when
 * written, never when recorded, so a request that writes no file pays nothing but a few references.
 */
export class RequestRecorder {
  private readonly attempts: RecordedAttempt[] = [];
  private response: ClientResponseFacts | null = null;
  private file: WriteStream | null = null;

  constructor(
    private readonly context: RecorderContext,
    private readonly request: ClientRequestFacts,
  ) {}

  /** One upstream attempt, sent now; its outcome follows through recordOutcome. */
  recordAttempt(upstream: UpstreamRequest): void {
    this.attempts.push({ upstream, sentAt: Date.now(), outcome: undefined, settledAt: 0 });
  }

  /** The outcome of the last attempt: a 2xx with its body, a stream whose body the client's copy shows, or the failure. */
  recordOutcome(outcome: AttemptOutcome<UpstreamReply>): void {
    const attempt = this.attempts[this.attempts.length - 1];
    if (!attempt) return;
    attempt.outcome = outcome;
    attempt.settledAt = Date.now();
  }

  /**
   * Whether a client response with this status can end up in a file: in 'errors' mode only a failure
   * is written, so a success's headers are never copied (the common case costs nothing).
   */
  mayWrite(status: number): boolean {
    return this.context.mode === 'full' || status >= 400;
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
      this.writeError(error);
      return;
    }
    folder.writeErrorLog(name, text, errorLogsMaxFiles).catch((error: unknown) => this.writeError(error));
  }

  private head(): string {
    const mask = this.context.masker();
    return formatClientRequest(this.request, mask) + formatUpstreamEvents(this.attempts.flatMap(upstreamEvents), mask);
  }

  private writeError(error: unknown): void {
    this.context.onWriteError(error, this.request.id);
  }

  private async writeWhole(path: string, status: number): Promise<void> {
    const response = this.response ?? { status, headers: {}, body: undefined };
    try {
      this.context.folder.ensure();
      await this.context.folder.track(writeFile(path, this.head() + formatClientResponse(response, this.context.masker()), { mode: 0o600 }));
    } catch (error) {
      this.writeError(error);
    }
  }

  private openStreamFile(status: number, headers: HeaderBag): void {
    const { folder } = this.context;
    try {
      folder.ensure();
    } catch (error) {
      this.writeError(error);
      return;
    }
    this.file = createWriteStream(folder.path(requestLogFileName(this.request.url, this.request.startedAt, this.request.id)), { mode: 0o600 });
    this.file.on('error', (error) => this.writeError(error));
    this.file.write(this.head() + formatClientResponseHead(status, headers, this.context.masker()));
  }
}

/** The API REQUEST and API RESPONSE / API ERROR RESPONSE events of one attempt. */
function upstreamEvents({ upstream, sentAt, outcome, settledAt }: RecordedAttempt): UpstreamEvent[] {
  const sent: UpstreamEvent = { kind: 'request', at: new Date(sentAt), method: upstream.method, url: upstream.url, headers: upstream.headers, body: upstream.body };
  if (!outcome) return [sent];
  const at = new Date(settledAt);
  if (outcome.ok) {
    const reply = outcome.value;
    const headers = reply.headers ?? { 'content-type': reply.contentType };
    return [sent, { kind: 'response', at, status: reply.status, headers, body: reply.kind === 'buffered' ? reply.body : undefined }];
  }
  const { failure, error } = outcome;
  return [sent, { kind: 'error', at, status: failure.status, message: error.message, headers: failure.headers ?? {}, body: failure.body }];
}
