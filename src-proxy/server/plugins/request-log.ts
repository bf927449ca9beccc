import type { FastifyInstance } from 'fastify';
import { toProxyError } from '../../errors/to-proxy-error';
import { buildRequestFinished, firstLine, requestLogFields } from '../proxy/request-finished';
import type { ServerDeps } from '../server-deps';

/**
 * One log line per request when its connection is done (also for streams and aborted clients): method,
 * route, model, credential label, status, latency, attempts, tokens. Never headers, keys or bodies.
 * A proxied request (one that set `request.proxyInfo`) also becomes a RequestFinished event.
 */
export function registerRequestLog(app: FastifyInstance, deps: ServerDeps): void {
  // Runs before the error handler renders the error: what the client is about to be shown, and when.
  app.addHook('onError', (request, _reply, error, done) => {
    const info = request.proxyInfo;
    if (info) {
      info.error ??= firstLine(toProxyError(error).message);
      info.firstByteAt ??= performance.now();
    }
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    const arrivedAt = performance.now();
    const startedAt = Date.now();
    reply.raw.once('close', () => {
      const now = performance.now();
      const info = request.proxyInfo;
      // The path without its query (a `?key=` there is a client key): what the official panel filters by.
      const path = request.url.split('?', 1)[0] ?? '';
      // Read once: fastify builds a new object on every `routeOptions` read.
      const routeOptions = request.routeOptions;
      const route = routeOptions.url ?? path;
      // A WebSocket upgrade has no HTTP response to finish: log it as 101, its requests log on their own.
      const status = request.headers.upgrade ? 101 : reply.raw.writableFinished ? reply.raw.statusCode : 499;
      const event = info
        ? buildRequestFinished(
            { id: request.id, route, startedAt, arrivedAt, clientProtocol: request.clientProtocol ?? routeOptions.config.protocol ?? null, clientKey: request.clientKeyLabel, status },
            info,
            now,
          )
        : undefined;
      const fields = event ? requestLogFields(event) : { status, latencyMs: Math.round((now - arrivedAt) * 10) / 10 };
      deps.logger.info({ reqId: request.id, method: request.method, route, path, ...fields }, 'request');
      if (event) deps.onRequestFinished(event);
    });
    done();
  });
}
