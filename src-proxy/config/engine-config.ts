import { isAbsolute, normalize, resolve } from 'node:path';
import { CONFIG_DEFAULTS } from './config-defaults';
import type { ClaudeCloakMode, ParsedConfig, RoutingStrategy } from './config-schema';
import { expandHome } from './expand-home';
import { normalizeClaudeApiKeys, normalizeCodexApiKeys, normalizeGeminiApiKeys, normalizeVertexApiKeys } from './normalize-api-key-entries';
import { uniqueTrimmed, type ModelAlias } from './normalize-credential-fields';
import { normalizeOpenAICompatibility } from './normalize-openai-compatibility';
import { normalizeClaudeHeaderDefaults, normalizeCodexHeaderDefaults } from './normalize-header-defaults';
import { normalizeFlatModelAlias, normalizeOAuthExcludedModels, normalizeOAuthModelAlias, type FlatModelAlias, type OAuthModelAlias } from './normalize-oauth-models';
import { normalizePayload } from './normalize-payload';
import { normalizeStoreConfig, type StoreConfig } from '../store/store-config';
import { normalizeTunnelConfig, type TunnelConfig } from '../tunnel/tunnel-config';
import type { ApiKeyEntry, ClaudeApiKeyEntry, OpenAICompatibilityEntry, PayloadConfig } from './config-entry-types';

export type { ClaudeCloakMode, RoutingStrategy } from './config-schema';
export type { FlatModelAlias, OAuthModelAlias } from './normalize-oauth-models';
export type { ApiKeyEntry, ClaudeApiKeyEntry, ClaudeCloakConfig, OpenAICompatibilityApiKeyEntry, OpenAICompatibilityEntry, PayloadConfig, PayloadFilterRule, PayloadModelMatch, PayloadRule } from './config-entry-types';

/** The normalized runtime configuration: camelCase, defaults applied, paths absolute. */
export interface EngineConfig {
  /** '' = every interface (CPA's meaning of an explicit empty host); absent key = 127.0.0.1. */
  host: string;
  port: number;
  /** cert/key are absolute paths ('' when not set); both are non-empty when enable is true. */
  tls: { enable: boolean; cert: string; key: string };
  /** Client keys; trimmed, empty removed, de-duplicated. Empty list = no client authentication. */
  apiKeys: string[];
  /** Absolute; '~' expanded; relative paths resolved against the config file's folder. */
  authDir: string;
  debug: boolean;
  loggingToFile: boolean;
  /** '' = none. */
  proxyUrl: string;
  requestRetry: number;
  /** `logs-max-total-size-mb`: the logs folder is trimmed to this size, oldest first; 0 = unlimited. */
  logsMaxTotalSizeMb: number;
  /** `error-logs-max-files`: forced error request logs kept (newest first). */
  errorLogsMaxFiles: number;
  /** Seconds; <= 0 = never wait for a cooling-down credential. */
  maxRetryInterval: number;
  /** 0 = all credentials per round. */
  maxRetryCredentials: number;
  disableCooling: boolean;
  /** Seconds of cooldown after 408/5xx; 0 = no cooldown (YAML: 0 means 60, negative means none). */
  transientErrorCooldownSeconds: number;
  /** sessionAffinityTtlSeconds: how long an idle session stays bound to its credential (CPA default 1h). */
  routing: { strategy: RoutingStrategy; sessionAffinity: boolean; sessionAffinityTtlSeconds: number };
  /** keepaliveSeconds 0 = off; upstreamIdleTimeoutSeconds 0 = no idle limit. */
  streaming: { keepaliveSeconds: number; bootstrapRetries: number; upstreamIdleTimeoutSeconds: number };
  forceModelPrefix: boolean;
  bodyLimitBytes: number;
  payload: PayloadConfig;
  openaiCompatibility: OpenAICompatibilityEntry[];
  claudeApiKey: ClaudeApiKeyEntry[];
  /** `disable-claude-cloak-mode`: already applied to `claudeApiKey[].cloak.mode`; kept for OAuth credentials. */
  disableClaudeCloakMode: boolean;
  /** `claude-header-defaults` as upstream headers (e.g. `x-stainless-os`): replace the built-in Claude Code fingerprint. */
  claudeHeaderDefaults: Record<string, string>;
  /** `codex-header-defaults` as upstream headers (`user-agent`) for Codex OAuth requests. */
  codexHeaderDefaults: Record<string, string>;
  /** `gemini-api-key` plus legacy `generative-language-api-key` keys. */
  geminiApiKey: ApiKeyEntry[];
  codexApiKey: ApiKeyEntry[];
  /** `vertex-api-key`: Vertex-compatible endpoints reached with an API key. */
  vertexApiKey: ApiKeyEntry[];
  remoteManagement: {
    allowRemote: boolean;
    secretKey: string;
    disableControlPanel: boolean;
    /** Absolute path of the page served at /management.html instead of the bundled panel; '' = ours. */
    panelFile: string;
    /** Origins (scheme://host[:port], lower-cased, no trailing slash) that get CORS on /v0/management. */
    allowedOrigins: string[];
    releaseFeedUrl: string;
  };
  usageStatisticsEnabled: boolean;
  wsAuth: boolean;
  requestLog: boolean;
  /** docs/config.md#oauth-model-alias-and-oauth-excluded-models, channel keys lower-cased: aliases for OAuth (auth-file) credentials only. */
  oauthModelAlias: Record<string, OAuthModelAlias[]>;
  /** The flat `oauth-model-alias` form (`alias: model`): aliases over every credential that serves the model. */
  flatModelAlias: FlatModelAlias[];
  /** docs/config.md#oauth-model-alias-and-oauth-excluded-models, channel keys lower-cased: lower-cased patterns merged with each file's `excluded_models`. */
  oauthExcludedModels: Record<string, string[]>;
  /** Our own `tunnel:` block: the public URL for Cursor. */
  tunnel: TunnelConfig;
  /** Our own `store:` block: where accounts and usage live (read at engine creation; a change needs a restart). */
  store: StoreConfig;
}

export interface NormalizeConfigOptions {
  /** Folder of the config file: relative paths in it are resolved against this folder. */
  configDir: string;
  /** Receives one message per dropped or repaired entry. Messages never contain secrets. */
  onWarning?: (message: string) => void;
}

/** Turns a validated document into the runtime configuration (defaults applied, docs/config.md#loading-and-normalisation rules). */
export function normalizeConfig(parsed: ParsedConfig, options: NormalizeConfigOptions): EngineConfig {
  const warn = options.onWarning ?? (() => undefined);
  const { configDir } = options;
  return {
    host: parsed.host?.trim() ?? CONFIG_DEFAULTS.host,
    port: parsed.port ?? CONFIG_DEFAULTS.port,
    tls: normalizeTls(parsed.tls, configDir),
    apiKeys: uniqueTrimmed(parsed['api-keys'] ?? []),
    authDir: resolveConfigPath(nonEmpty(parsed['auth-dir']) ?? CONFIG_DEFAULTS.authDir, configDir),
    debug: parsed.debug ?? CONFIG_DEFAULTS.debug,
    loggingToFile: parsed['logging-to-file'] ?? CONFIG_DEFAULTS.loggingToFile,
    proxyUrl: parsed['proxy-url']?.trim() ?? CONFIG_DEFAULTS.proxyUrl,
    requestRetry: parsed['request-retry'] ?? CONFIG_DEFAULTS.requestRetry,
    logsMaxTotalSizeMb: Math.max(0, parsed['logs-max-total-size-mb'] ?? CONFIG_DEFAULTS.logsMaxTotalSizeMb),
    errorLogsMaxFiles: nonNegativeOr(parsed['error-logs-max-files'], CONFIG_DEFAULTS.errorLogsMaxFiles),
    maxRetryInterval: parsed['max-retry-interval'] ?? CONFIG_DEFAULTS.maxRetryInterval,
    maxRetryCredentials: Math.max(0, parsed['max-retry-credentials'] ?? CONFIG_DEFAULTS.maxRetryCredentials),
    disableCooling: parsed['disable-cooling'] ?? CONFIG_DEFAULTS.disableCooling,
    transientErrorCooldownSeconds: normalizeTransientCooldown(parsed['transient-error-cooldown-seconds']),
    routing: normalizeRouting(parsed.routing, warn),
    streaming: {
      keepaliveSeconds: parsed.streaming?.['keepalive-seconds'] ?? CONFIG_DEFAULTS.keepaliveSeconds,
      bootstrapRetries: parsed.streaming?.['bootstrap-retries'] ?? CONFIG_DEFAULTS.bootstrapRetries,
      upstreamIdleTimeoutSeconds: parsed.streaming?.['upstream-idle-timeout-seconds'] ?? CONFIG_DEFAULTS.upstreamIdleTimeoutSeconds,
    },
    forceModelPrefix: parsed['force-model-prefix'] ?? CONFIG_DEFAULTS.forceModelPrefix,
    bodyLimitBytes: Math.floor((parsed['body-limit-mb'] ?? CONFIG_DEFAULTS.bodyLimitMb) * 1024 * 1024),
    payload: normalizePayload(parsed.payload, warn),
    openaiCompatibility: normalizeOpenAICompatibility(parsed['openai-compatibility'] ?? [], warn),
    claudeApiKey: normalizeClaudeApiKeys(parsed['claude-api-key'] ?? [], warn, defaultCloakMode(parsed)),
    disableClaudeCloakMode: parsed['disable-claude-cloak-mode'] ?? CONFIG_DEFAULTS.disableClaudeCloakMode,
    claudeHeaderDefaults: normalizeClaudeHeaderDefaults(parsed['claude-header-defaults']),
    codexHeaderDefaults: normalizeCodexHeaderDefaults(parsed['codex-header-defaults']),
    geminiApiKey: normalizeGeminiApiKeys(
      parsed['gemini-api-key'] ?? [],
      parsed['generative-language-api-key'] ?? [],
      warn,
    ),
    codexApiKey: normalizeCodexApiKeys(parsed['codex-api-key'] ?? [], warn),
    vertexApiKey: normalizeVertexApiKeys(parsed['vertex-api-key'] ?? [], warn),
    remoteManagement: normalizeRemoteManagement(parsed['remote-management'], configDir),
    usageStatisticsEnabled: parsed['usage-statistics-enabled'] ?? CONFIG_DEFAULTS.usageStatisticsEnabled,
    wsAuth: parsed['ws-auth'] ?? CONFIG_DEFAULTS.wsAuth,
    requestLog: parsed['request-log'] ?? CONFIG_DEFAULTS.requestLog,
    oauthModelAlias: normalizeOAuthModelAlias(parsed['oauth-model-alias'], warn),
    flatModelAlias: normalizeFlatModelAlias(parsed['oauth-model-alias'], warn),
    oauthExcludedModels: normalizeOAuthExcludedModels(parsed['oauth-excluded-models']),
    tunnel: normalizeTunnelConfig(parsed.tunnel),
    store: normalizeStoreConfig(parsed.store, (path) => resolveConfigPath(path, configDir)),
  };
}

/** docs/config.md: `disable-claude-cloak-mode: true` sets the default cloak mode to never. */
function defaultCloakMode(parsed: ParsedConfig): ClaudeCloakMode {
  return (parsed['disable-claude-cloak-mode'] ?? CONFIG_DEFAULTS.disableClaudeCloakMode) ? 'never' : CONFIG_DEFAULTS.claudeCloakMode;
}

/** Expands '~' and resolves a relative path against the config file's folder. */
export function resolveConfigPath(path: string, configDir: string): string {
  const expanded = expandHome(path.trim());
  return isAbsolute(expanded) ? normalize(expanded) : resolve(configDir, expanded);
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function normalizeTls(tls: ParsedConfig['tls'], configDir: string): EngineConfig['tls'] {
  const cert = nonEmpty(tls?.cert);
  const key = nonEmpty(tls?.key);
  return {
    enable: tls?.enable ?? CONFIG_DEFAULTS.tlsEnable,
    cert: cert === undefined ? '' : resolveConfigPath(cert, configDir),
    key: key === undefined ? '' : resolveConfigPath(key, configDir),
  };
}

/** CPA ignores a session-affinity-ttl that is not a positive duration and keeps 1h; we say so. */
function normalizeRouting(routing: ParsedConfig['routing'], warn: (message: string) => void): EngineConfig['routing'] {
  const ttl = routing?.['session-affinity-ttl'];
  if (ttl !== null && ttl !== undefined && ttl <= 0) warn('routing.session-affinity-ttl must be a positive duration; using the default 1h');
  return {
    strategy: routing?.strategy ?? CONFIG_DEFAULTS.routingStrategy,
    sessionAffinity: routing?.['session-affinity'] ?? CONFIG_DEFAULTS.sessionAffinity,
    sessionAffinityTtlSeconds: ttl !== null && ttl !== undefined && ttl > 0 ? ttl : CONFIG_DEFAULTS.sessionAffinityTtlSeconds,
  };
}

/** CPA: 0 (or absent) keeps the legacy 60 s, a negative value disables the cooldown. */
function normalizeTransientCooldown(seconds: number | null | undefined): number {
  if (seconds === null || seconds === undefined || seconds === 0) {
    return CONFIG_DEFAULTS.transientErrorCooldownSeconds;
  }
  return Math.max(0, seconds);
}

function normalizeRemoteManagement(
  section: ParsedConfig['remote-management'],
  configDir: string,
): EngineConfig['remoteManagement'] {
  const panelFile = nonEmpty(section?.['panel-file']);
  return {
    allowRemote: section?.['allow-remote'] ?? CONFIG_DEFAULTS.allowRemoteManagement,
    secretKey: section?.['secret-key']?.trim() ?? '',
    disableControlPanel: section?.['disable-control-panel'] ?? CONFIG_DEFAULTS.disableControlPanel,
    panelFile: panelFile === undefined ? '' : resolveConfigPath(panelFile, configDir),
    allowedOrigins: uniqueTrimmed(section?.['allowed-origins'] ?? []).map((origin) => origin.toLowerCase().replace(/\/+$/, '')),
    releaseFeedUrl: section?.['release-feed-url']?.trim() ?? CONFIG_DEFAULTS.releaseFeedUrl,
  };
}

/** CPA's rule for `error-logs-max-files`: a negative value means the default. */
function nonNegativeOr(value: number | null | undefined, fallback: number): number {
  return value === null || value === undefined || value < 0 ? fallback : value;
}
