/**
 * Which top-level keys of config.yaml a team server shares (docs/team-server.md#what-is-shared). Every key
 * the schema knows is on exactly one side (shared-config-keys.test.ts checks it); a key the schema does not
 * know stays with its engine.
 *
 * Shared: what decides how a request is served, whichever engine the load balancer picks: the client keys,
 * every credential section, routing and model maps, payload rules, retries and cooldowns, streaming.
 */
export const SHARED_CONFIG_KEYS = [
  'api-keys',
  'ws-auth',
  'body-limit-mb',
  // Credentials (each entry's own proxy-url travels with it).
  'gemini-api-key',
  'generative-language-api-key',
  'claude-api-key',
  'codex-api-key',
  'xai-api-key',
  'vertex-api-key',
  'openai-compatibility',
  'interactions-api-key',
  'amp-upstream-url',
  'amp-upstream-api-key',
  'ampcode',
  // Routing, model maps, request shaping.
  'routing',
  'force-model-prefix',
  'oauth-model-alias',
  'oauth-excluded-models',
  'oauth-model-mappings',
  'model-name-mappings',
  'payload',
  'passthrough-headers',
  'claude-header-defaults',
  'codex-header-defaults',
  'disable-claude-cloak-mode',
  'claude-code',
  'codex',
  'antigravity',
  'xai',
  'antigravity-signature-cache-enabled',
  'antigravity-signature-bypass-strict',
  'disable-image-generation',
  'gpt-image-2-base-model',
  'video-result-auth-cache-ttl',
  // Retries, cooldowns, quota behaviour, streaming.
  'request-retry',
  'max-retry-credentials',
  'max-retry-interval',
  'disable-cooling',
  'transient-error-cooldown-seconds',
  'quota-exceeded',
  'oauth-request-scoped-errors',
  'credential-concurrency',
  'credential-in-flight',
  'streaming',
  'nonstream-keepalive-interval',
] as const;

/**
 * Each engine's own: where it listens and how it is managed (the management key stays each host's secret,
 * so one leaked key does not open every engine), where its accounts, logs and history live on its disk,
 * its outbound proxy (the host's network), its tunnel and store connection, and local tuning.
 */
export const PER_ENGINE_CONFIG_KEYS = [
  'host',
  'port',
  'tls',
  'remote-management',
  'amp-restrict-management-to-localhost',
  'auth-dir',
  'store',
  'tunnel',
  'proxy-url',
  'debug',
  'logging-to-file',
  'request-log',
  'logs-max-total-size-mb',
  'error-logs-max-files',
  'usage-statistics-enabled',
  'redis-usage-queue-retention-seconds',
  'save-cooldown-status',
  'auth-auto-refresh-workers',
  'commercial-mode',
  'pprof',
  'plugins',
  'auth',
] as const;

export type SharedConfigKey = (typeof SHARED_CONFIG_KEYS)[number];
