import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime/runtime';
import type { LogsFolder } from './logs-folder';
import { createSecretMasker, type SecretMasker } from './mask-secrets';
import { RequestRecorder } from './request-recorder';

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
  const maskers = new WeakMap<Runtime, SecretMasker>();
  const maskerFor = (runtime: Runtime) => {
    let masker = maskers.get(runtime);
    if (!masker) maskers.set(runtime, (masker = createSecretMasker(secretsOf(runtime))));
    return masker;
  };
  app.decorateRequest('requestRecorder', null);
  app.addHook('onRequest', (request, reply, done) => {
    if (!isLoggedRequest(request)) return done();
    const settings = options.settings();
    const runtime = options.getRuntime();
    const recorder = new RequestRecorder(
      {
        mode: settings.requestLog ? 'full' : 'errors',
        folder: options.folder,
        masker: () => maskerFor(runtime),
        errorLogsMaxFiles: settings.errorLogsMaxFiles,
        onWriteError: (error) => options.logger.warn({ reqId: request.id, error: errorCode(error) }, 'request log could not be written'),
      },
      { id: request.id, method: request.method, url: request.url, headers: request.headers, startedAt: new Date(), body: () => request.body },
    );
    request.requestRecorder = recorder;
    reply.raw.once('close', () => {
      const finished = reply.raw.writableFinished;
      recorder.finish(finished ? reply.raw.statusCode : 499, !finished);
    });
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    request.requestRecorder?.clientResponse({ status: reply.statusCode, headers: reply.getHeaders(), body: payload });
    done(null, payload);
  });
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
