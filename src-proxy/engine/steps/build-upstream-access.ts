import { DispatcherPool } from '../../http/create-dispatcher';
import { QuotaService } from '../../quota/quota-service';
import type { LiveRuntime } from './live-runtime';

export interface UpstreamAccess {
  /** Outbound connections per proxy URL, with the configured idle timeout. */
  dispatchers: DispatcherPool;
  /** Quota per account: read from every upstream answer's headers and quota errors, refreshed on demand. */
  quota: QuotaService;
}

export function buildUpstreamAccess(runtime: LiveRuntime): UpstreamAccess {
  const dispatchers = new DispatcherPool(() => runtime.config.streaming.upstreamIdleTimeoutSeconds);
  const quota = new QuotaService({
    credentials: () => runtime.current().credentials,
    dispatcherFor: (credential) => dispatchers.get(credential.proxyUrl, runtime.config.proxyUrl),
  });
  return { dispatchers, quota };
}
