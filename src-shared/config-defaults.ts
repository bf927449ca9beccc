/**
 * The one place configuration defaults live, shared by the engine (re-exported from
 * src-proxy/config/config-defaults.ts) and the renderer's Config forms. Where CLIProxyAPI has no code
 * default (port, request-retry, max-retry-interval) we use the values of its example file, so a config
 * written for it behaves the same. Where we deliberately differ, the reason is given (docs/config.md).
 */
export const CONFIG_DEFAULTS = {
  /** CPA defaults to "" (all interfaces); we bind loopback only unless the user asks (secure by default). */
  host: '127.0.0.1',
  port: 8317,
  authDir: '~/.cli-proxy-api',
  debug: false,
  loggingToFile: false,
  proxyUrl: '',
  requestRetry: 3,
  logsMaxTotalSizeMb: 0,
  errorLogsMaxFiles: 10,
  maxRetryInterval: 30,
  /** 0 = try every credential in a retry round. */
  maxRetryCredentials: 0,
  disableCooling: false,
  /** Cooldown after 408/500/502/503/504; CPA writes 0 for "the legacy 60 s". */
  transientErrorCooldownSeconds: 60,
  routingStrategy: 'round-robin',
  sessionAffinity: false,
  /** `routing.session-affinity-ttl` (CPA: 1h). */
  sessionAffinityTtlSeconds: 3600,
  /** A credential's `weight` when it names none. */
  credentialWeight: 1,
  /** 0 = no SSE keep-alive comments. */
  keepaliveSeconds: 0,
  bootstrapRetries: 0,
  /** Our own key: an upstream silent this long (before headers or between body chunks) fails the attempt; 0 = never. */
  upstreamIdleTimeoutSeconds: 300,
  forceModelPrefix: false,
  /** Our own key (`body-limit-mb`): largest accepted request body. Images in chat requests make 32 MB realistic. */
  bodyLimitMb: 32,
  tlsEnable: false,
  allowRemoteManagement: false,
  disableControlPanel: false,
  /** `remote-management.release-feed-url`: none, so `GET /latest-version` says "unknown" until one is set. */
  releaseFeedUrl: '',
  /** Ours: usage history is durable and local, the feature users of the peers lost; CPA defaults to false. An explicit false is honoured. */
  usageStatisticsEnabled: true,
  /** CPA HEAD defaults `ws-auth` to true (Nov-2025 used false): the websocket relay requires a client key. */
  wsAuth: true,
  requestLog: false,
  /** Used when a `claude-api-key` / `gemini-api-key` entry has no base-url (codex entries need one). */
  claudeBaseUrl: 'https://api.anthropic.com',
  geminiBaseUrl: 'https://generativelanguage.googleapis.com',
  /** `vertex-api-key` entries without base-url: Vertex AI's global endpoint, as CLIProxyAPI's executor falls back to. */
  vertexBaseUrl: 'https://aiplatform.googleapis.com',
  /** A `cloak` block without `mode`: cloak only clients that are not Claude Code. */
  claudeCloakMode: 'auto',
  /** `disable-claude-cloak-mode`: when true, the default above becomes 'never'. */
  disableClaudeCloakMode: false,
  /** Our own `store:` block: auth-dir files + local SQLite, what the desktop app uses; `postgres` is the team server. */
  store: 'files',
  /** `store.schema`: the PostgreSQL schema the team server's tables live in (created by the first migration run). */
  storePostgresSchema: 'cliproxy',
} as const;
