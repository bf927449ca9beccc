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
  /** Credentials of OAuth accounts whose login is dead: never routed; a model only they serve gets PX_CREDENTIAL_EXPIRED. */
  needsLogin?: readonly Credential[];
}

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
}

/** Token counts of one request as the upstream reported them (0 where it reported nothing). */
export interface RequestTokens {
  input: number;
  output: number;
  /** Input tokens served from the provider's prompt cache (part of `input`). */
  cached: number;
  /** Reasoning/thinking tokens (part of `output`). */
  reasoning: number;
  total: number;
}

/**
 * One finished proxied request: the request log line, the live strip, usage history and per-account
 * counters all come from this. Never holds a secret: the client key is a label (see clientKeyLabel).
 */
export interface RequestFinished {
  /** fastify request id. */
  id: string;
  /** Route pattern, e.g. '/v1/chat/completions'. */
  route: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** The client's wire format. */
  clientProtocol: string | null;
  /** A non-reversible label of the client key used ('key-1a2b3c4d'), null when client auth is off. */
  clientKey: string | null;
  /** Provider id of the credential that answered last (e.g. 'claude', 'openai-compatible'). */
  provider: string | null;
  /** Credential id (auth file name or config entry id) that answered last. */
  credential: string | null;
  /** What a user recognises: the account email, or the config entry's label. */
  accountLabel: string | null;
  /** Model the client asked for. */
  model: string | null;
  /** Model sent upstream (after aliases and prefixes). */
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  latencyMs: number;
  /** Time to the first byte sent to the client; null when nothing was sent. */
  ttfbMs: number | null;
  attempts: number;
  tokens: RequestTokens | null;
  /** First line of the error for a failed request (safe to show: no secrets). */
  error: string | null;
}
