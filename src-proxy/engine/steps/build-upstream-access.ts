import { DoctorHellos } from '../../doctor/doctor-hellos';
import { DispatcherPool } from '../../http/create-dispatcher';
import { QuotaService } from '../../quota/quota-service';
import type { Credential } from '../../routing/credential';
import type { UsageStore } from '../../usage/usage-store';
import type { LiveRuntime } from './live-runtime';

export interface UpstreamAccess {
  /** Outbound connections per proxy URL, with the configured idle timeout. */
  dispatchers: DispatcherPool;
  /** Quota per account: read from every upstream answer's headers and quota errors, refreshed on demand. */
  quota: QuotaService;
  /** The doctor's per-account hello: one tiny request through an account, only when asked (its answer feeds the quota too). */
  hellos: DoctorHellos;
}

/** `usage` (the history, when it opened) gives the quota forecasts their burn rate. */
export function buildUpstreamAccess(runtime: LiveRuntime, usage: UsageStore | undefined): UpstreamAccess {
  const dispatchers = new DispatcherPool(() => runtime.config.streaming.upstreamIdleTimeoutSeconds);
  const credentials = () => runtime.current().credentials;
  const dispatcherFor = (credential: Credential) => dispatchers.get(credential.proxyUrl, runtime.config.proxyUrl);
  const quota = new QuotaService({
    credentials,
    dispatcherFor,
    ...(usage ? { tokensUsed: (credentialId: string, range: { from: number; to: number }) => usage.tokensOf(credentialId, range) } : {}),
  });
  const hellos = new DoctorHellos({ credentials, dispatcherFor, onResponse: quota.observeResponse });
  return { dispatchers, quota, hellos };
}
