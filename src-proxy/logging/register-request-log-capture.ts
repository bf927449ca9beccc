import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime/runtime';
import type { LogsFolder } from './logs-folder';
import { createSecretMasker, type SecretMasker } from './mask-secrets';
import { RequestRecorder, type RecorderContext, type RecordingMode } from './request-recorder';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's log (docs/config.md#request-log-files); null for requests that are never logged. */
    requestRecorder: RequestRecorder | null;
  }
}

export interface RequestLogSettings {
  /** `request-log`: every request gets a file; false: only failed ones, as `error-*.log`. */
  requestLog: boolean;
  /** `error-logs-max-files` (0 = keep all). */
  errorLogsMaxFiles: number;
}

export interface RequestLogCaptureOptions {
  folder: LogsFolder;
  getRuntime(): Runtime;
  /** Read once per request, so a change applies to the next request. */
  settings(): RequestLogSettings;
  logger: Logger;
}

/**
 * Gives every loggable request a `requestRecorder` (docs/config.md#request-log-files: not management paths, not plain GETs) and
 * finishes it when the connection closes. The proxy pipeline reports upstream attempts and streams to it;
 * buffered replies are taken from onSend. Secrets are masked with the engine's keys of the moment.
 */
export function registerRequestLogCapture(app: FastifyInstance, options: RequestLogCaptureOptions): void {
  const contexts = new RecorderContexts(options);
  app.decorateRequest('requestRecorder', null);
  app.addHook('onRequest', (request, reply, done) => {
    if (!isLoggedRequest(request)) return done();
    const recorder = new RequestRecorder(contexts.current(), {
      id: request.id,
      method: request.method,
      url: request.url,
      headers: request.headers,
      startedAt: new Date(),
      body: () => request.body,
    });
    request.requestRecorder = recorder;
    reply.raw.once('close', () => {
      const finished = reply.raw.writableFinished;
      recorder.finish(finished ? reply.raw.statusCode : 499, !finished);
    });
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const recorder = request.requestRecorder;
    if (recorder?.mayWrite(reply.statusCode)) recorder.clientResponse({ status: reply.statusCode, headers: reply.getHeaders(), body: payload });
    done(null, payload);
  });
}

/**
 * The recorders' shared context: one per runtime and settings, not one per request. The masker is built
 * on first use only (it compiles the engine's secrets into one pattern), with the keys of that runtime.
 */
class RecorderContexts {
  private readonly byRuntime = new WeakMap<Runtime, RecorderContext>();

  constructor(private readonly options: RequestLogCaptureOptions) {}

  current(): RecorderContext {
    const settings = this.options.settings();
    const runtime = this.options.getRuntime();
    const mode: RecordingMode = settings.requestLog ? 'full' : 'errors';
    const known = this.byRuntime.get(runtime);
    if (known && known.mode === mode && known.errorLogsMaxFiles === settings.errorLogsMaxFiles) return known;
    const { folder, logger } = this.options;
    let masker: SecretMasker | undefined;
    const context: RecorderContext = {
      mode,
      folder,
      masker: () => (masker ??= createSecretMasker(secretsOf(runtime))),
      errorLogsMaxFiles: settings.errorLogsMaxFiles,
      onWriteError: (error, requestId) => logger.warn({ reqId: requestId, error: errorCode(error) }, 'request log could not be written'),
    };
    this.byRuntime.set(runtime, context);
    return context;
  }
}

/** Configured upstream headers whose value is a credential (other values would mask ordinary words). */
const secretHeaderName = /auth|key|token|secret|cookie|session/i;
const managementPath = /^\/(?:v0\/management|management)(?:[/.?]|$)/;

function isLoggedRequest(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  return !managementPath.test(request.url);
}

/** Every key the engine knows of: client keys, upstream keys and secret headers, the management secret. */
function secretsOf(runtime: Runtime): string[] {
  const secrets = [...runtime.apiKeys, runtime.config.remoteManagement.secretKey];
  for (const credential of runtime.credentials) {
    secrets.push(credential.apiKey);
    for (const [name, value] of Object.entries(credential.headers)) if (secretHeaderName.test(name)) secrets.push(value.replace(/^\w+\s+/, ''));
  }
  return secrets.filter((secret) => secret !== '');
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
}
