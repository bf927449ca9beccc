import { DispatcherPool } from '../../http/create-dispatcher';
import { QuotaService } from '../../quota/quota-service';
import type { UsageStore } from '../../usage/usage-store';
import type { LiveRuntime } from './live-runtime';

export interface UpstreamAccess {
  /** Outbound connections per proxy URL, with the configured idle timeout. */
  dispatchers: DispatcherPool;
  /** Quota per account: read from every upstream answer's headers and quota errors, refreshed on demand. */
  quota: QuotaService;
}

/** `usage` (the history, when it opened) gives the quota forecasts their burn rate. */
export function buildUpstreamAccess(runtime: LiveRuntime, usage: UsageStore | undefined): UpstreamAccess {
  const dispatchers = new DispatcherPool(() => runtime.config.streaming.upstreamIdleTimeoutSeconds);
  const quota = new QuotaService({
    credentials: () => runtime.current().credentials,
    dispatcherFor: (credential) => dispatchers.get(credential.proxyUrl, runtime.config.proxyUrl),
    ...(usage ? { tokensUsed: (credentialId: string, range: { from: number; to: number }) => usage.tokensOf(credentialId, range) } : {}),
  });
  return { dispatchers, quota };
}
