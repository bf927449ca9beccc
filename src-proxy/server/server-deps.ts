import type { Logger } from 'pino';
import type { EngineConfig } from '../config/engine-config';
import type { DispatcherPool } from '../http/create-dispatcher';
import type { Credential } from '../routing/credential';
import type { CredentialHealth } from '../routing/credential-health';
import type { CredentialSelector } from '../routing/credential-selector';

/** What the engine currently serves; replaced as a whole when config changes. */
export interface Runtime {
  config: EngineConfig;
  credentials: Credential[];
  /** Client keys as a set for the auth check. */
  apiKeys: ReadonlySet<string>;
}

export interface ServerDeps {
  getRuntime(): Runtime;
  logger: Logger;
  health: CredentialHealth;
  selector: CredentialSelector;
  dispatchers: DispatcherPool;
  /** Called once per finished proxied request (counters, later usage history). */
  onRequestFinished(event: RequestFinished): void;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Seconds since epoch when the engine started; used as `created` in model lists. */
  startedAt: number;
}

export interface RequestFinished {
  route: string;
  model: string | null;
  credential: string | null;
  status: number;
  latencyMs: number;
  attempts: number;
}
