import type { ClientCodec } from '../../protocols/wire-codec';

/** What a proxied request learned on its way, for the request log line. Set by the proxy handler. */
export interface ProxyInfo {
  model: string | null;
  credential: string | null;
  attempts: number;
}

/** The client wire format of a route: picks the error renderer. */
export type ClientProtocol = ClientCodec['id'];

declare module 'fastify' {
  interface FastifyRequest {
    proxyInfo: ProxyInfo | null;
    /** Overrides the route's protocol for one request (e.g. an Anthropic client on GET /v1/models). */
    clientProtocol: ClientProtocol | null;
  }
  interface FastifyContextConfig {
    protocol?: ClientProtocol;
  }
}
