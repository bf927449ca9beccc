import type { DispatcherPool } from '../../http/create-dispatcher';

/**
 * What `POST /api-call` needs beyond the other routes' context. Its own low module: ManagementContext
 * carries it and the route reads the context, so declaring it beside the route made an import cycle.
 */
export interface ApiCallDeps {
  /** Outbound connections per proxy URL (the ones upstream requests use). */
  dispatchers: DispatcherPool;
  /** Per provider id, account endpoints besides the base URL that take the same token (see credentialTokenOrigins). */
  providerUrls: Readonly<Record<string, readonly string[]>>;
  /** CPA: 60 s. */
  timeoutMs?: number;
}
