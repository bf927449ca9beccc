import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps';

/**
 * One log line per request when its connection is done (also for streams and aborted clients): method,
 * route, model, credential label, status, latency, attempts. Never headers, keys or bodies.
 */
export function registerRequestLog(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onRequest', (request, reply, done) => {
    const startedAt = process.hrtime.bigint();
    const arrivedAt = Date.now();
    reply.raw.once('close', () => {
      const latencyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const info = request.proxyInfo;
      const route = request.routeOptions.url ?? 'unmatched';
      // A WebSocket upgrade has no HTTP response to finish: log it as 101, its requests log on their own.
      const status = request.headers.upgrade ? 101 : reply.raw.writableFinished ? reply.raw.statusCode : 499;
      deps.logger.info(
        {
          reqId: request.id,
          method: request.method,
          route,
          model: info?.model ?? undefined,
          credential: info?.credential ?? undefined,
          status,
          latencyMs: Math.round(latencyMs * 10) / 10,
          retries: info && info.attempts > 1 ? info.attempts - 1 : undefined,
        },
        'request',
      );
      if (info) {
        deps.onRequestFinished({
          id: request.id,
          route,
          startedAt: arrivedAt,
          clientProtocol: request.clientProtocol ?? request.routeOptions.config.protocol ?? null,
          clientKey: null,
          provider: null,
          credential: info.credential,
          accountLabel: info.credential,
          model: info.model,
          upstreamModel: null,
          stream: false,
          status,
          latencyMs,
          ttfbMs: null,
          attempts: info.attempts,
          tokens: null,
          error: null,
        });
      }
    });
    done();
  });
}
