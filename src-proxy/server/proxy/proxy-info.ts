/** What a proxied request learned on its way, for the request log line. Set by the proxy handler. */
export interface ProxyInfo {
  model: string | null;
  credential: string | null;
  attempts: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    proxyInfo: ProxyInfo | null;
  }
  interface FastifyContextConfig {
    /** Client wire format of the route: picks the error renderer. */
    protocol?: ClientProtocol;
  }
}

export type ClientProtocol = 'openai';
