import type { CanonicalUsage } from '../../canonical/index';
import type { ClientCodec } from '../../protocols/wire-codec';
import type { Credential } from '../../routing/credential';

/**
 * What a proxied request learned on its way, for the request log line and the RequestFinished event.
 * Set by the proxy handler; the fields of the last attempt win.
 */
export interface ProxyInfo {
  /** Model the client asked for. */
  model: string | null;
  /** Model sent upstream by the last attempt (alias and prefix resolved). */
  upstreamModel: string | null;
  /** The credential of the last attempt; null before the first (or for a local answer). */
  credential: Pick<Credential, 'id' | 'label' | 'provider'> | null;
  /** Shown instead of a credential when no upstream answered (e.g. 'local estimate'). */
  answeredBy?: string;
  attempts: number;
  /** The client asked for a stream. */
  stream: boolean;
  /** performance.now() when the first byte (or WebSocket frame) went to the client. */
  firstByteAt: number | null;
  /** The usage the upstream reported, read when the request finished (streams fill it as they go). */
  usage: () => CanonicalUsage | undefined;
  /** First line of the error the client was shown. */
  error: string | null;
}

export function createProxyInfo(model: string, stream: boolean): ProxyInfo {
  return { model, upstreamModel: null, credential: null, attempts: 0, stream, firstByteAt: null, usage: noUsage, error: null };
}

const noUsage = (): undefined => undefined;

/** The client wire format of a route: picks the error renderer. */
export type ClientProtocol = ClientCodec['id'];

declare module 'fastify' {
  interface FastifyRequest {
    proxyInfo: ProxyInfo | null;
    /** Overrides the route's protocol for one request (e.g. an Anthropic client on GET /v1/models). */
    clientProtocol: ClientProtocol | null;
    /** Label of the client key that passed the check ('key-1a2b3c4d'); null when client auth is off. */
    clientKeyLabel: string | null;
  }
  interface FastifyContextConfig {
    protocol?: ClientProtocol;
  }
}
