import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CorsGrant {
  /** `*`, or the one listed origin the request came from (then `Vary: Origin` is added). */
  allowOrigin: string;
  methods: string;
  /** Request headers a preflight may announce; omitted = whatever the browser asked for. */
  allowHeaders?: string;
  /** Response headers the page's script may read. */
  exposeHeaders?: string;
}

/**
 * The CORS answer both route families share (inference routes: any origin; management routes: the listed
 * ones): the allow headers on the reply, and for a preflight (OPTIONS) a 204 sent here. True when this
 * function answered the request.
 */
export function grantCors(request: FastifyRequest, reply: FastifyReply, grant: CorsGrant): boolean {
  reply.raw.setHeader('access-control-allow-origin', grant.allowOrigin);
  if (grant.allowOrigin !== '*') reply.raw.setHeader('vary', 'Origin');
  if (grant.exposeHeaders) reply.raw.setHeader('access-control-expose-headers', grant.exposeHeaders);
  if (request.method !== 'OPTIONS') return false;
  void reply
    .code(204)
    .header('access-control-allow-methods', grant.methods)
    .header('access-control-allow-headers', grant.allowHeaders ?? request.headers['access-control-request-headers'] ?? '*')
    .header('access-control-max-age', '600')
    .send();
  return true;
}
