import type { Logger } from 'pino';
import type { DispatcherPool } from '../http/create-dispatcher';
import type { Credential } from '../routing/credential';
import type { CredentialHealth } from '../routing/credential-health';
import type { CredentialSelector } from '../routing/credential-selector';
import type { RequestFinished } from '../runtime/request-finished';
import type { Runtime } from '../runtime/runtime';
import type { StoreHealth } from '../store/store-health';

export type { RequestFinished, RequestTokens } from '../runtime/request-finished';
export type { Runtime } from '../runtime/runtime';

export interface ServerDeps {
  getRuntime(): Runtime;
  logger: Logger;
  health: CredentialHealth;
  selector: CredentialSelector;
  dispatchers: DispatcherPool;
  /** Called once per finished proxied request (counters, later usage history). */
  onRequestFinished(event: RequestFinished): void;
  /**
   * Told about every upstream answer of a credential: status and headers, plus the body of a non-2xx.
   * Quota readings come from here (quota/QuotaService.observeResponse). Runs per request: cheap, never throws.
   */
  onUpstreamResponse?(credential: Credential, status: number, headers: Readonly<Record<string, string | string[] | undefined>>, now: number, errorBody?: string): void;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Seconds since epoch when the engine started; used as `created` in model lists. */
  startedAt: number;
  /** The team server's database state for /healthz; absent with the files store (nothing to report). */
  storeHealth?(): Promise<StoreHealth>;
}
