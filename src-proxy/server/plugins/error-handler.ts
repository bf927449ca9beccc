import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ProxyError } from '../../errors/proxy-error';
import { toProxyError } from '../../errors/to-proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';

/**
 * Every error leaves in the calling protocol's own format (ARCHITECTURE.md section 6). Unexpected errors
 * are logged with their stack here and reach the client only as a generic PX_INTERNAL.
 */
export function registerErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    const proxyError = toProxyError(error);
    if (proxyError.code === 'PX_INTERNAL' && !(error instanceof ProxyError)) {
      // The engine's logger, not request.log: fastify's own logger is off (we write our own request lines).
      logger.error({ err: error, reqId: request.id, route: request.routeOptions.url }, 'unhandled error while serving a request');
    }
    return sendProxyError(request, reply, proxyError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProxyError(
      request,
      reply,
      new ProxyError({ code: 'PX_NOT_FOUND', message: `${request.method} ${request.url.split('?')[0]} is not a route of this proxy.`, httpStatus: 404 }),
    ),
  );
}

export function sendProxyError(request: FastifyRequest, reply: FastifyReply, error: ProxyError): FastifyReply {
  const protocol = request.clientProtocol ?? request.routeOptions.config.protocol ?? 'openai-chat';
  const rendered = getClientCodec(protocol).renderError(error);
  return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
}
