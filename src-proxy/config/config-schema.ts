import { z } from 'zod';
import { parseDurationSeconds } from '../../src-shared/parse-duration-seconds';
import { storeConfigSchema } from '../store/store-config';
import { tunnelConfigSchema } from '../tunnel/tunnel-config';

/**
 * The zod schema of `config.yaml`, in CLIProxyAPI's kebab-case keys: the single source of truth for
 * what a config file may contain. It describes the document only; defaults live in config-defaults.ts
 * and runtime normalization in engine-config.ts.
 *
 * Rules that keep files written for the Go original loadable:
 * - Every object is "loose": keys we do not model (CPA grows new ones every month) pass through.
 * - A key with no value (`key:` is null in YAML) means "default", like Go's zero value.
 * - A number or boolean written where text is expected becomes text, as Go's YAML decoder does
 *   (`api-key: 12345`).
 */

export type RoutingStrategy = 'round-robin' | 'fill-first' | 'weighted-round-robin' | 'quota-aware';

/** Accepted spellings of `routing.strategy`, as in CPA (compared trimmed and lower-cased). */
const ROUTING_STRATEGY_ALIASES: Readonly<Record<string, RoutingStrategy>> = {
  'round-robin': 'round-robin',
  roundrobin: 'round-robin',
  rr: 'round-robin',
  'fill-first': 'fill-first',
  fillfirst: 'fill-first',
  ff: 'fill-first',
  'weighted-round-robin': 'weighted-round-robin',
  weightedroundrobin: 'weighted-round-robin',
  wrr: 'weighted-round-robin',
  // Ours (CPA has no such strategy): docs/routing.md#strategies.
  'quota-aware': 'quota-aware',
  quotaaware: 'quota-aware',
};

/** Returns the canonical strategy for an accepted spelling, or null. */
export function parseRoutingStrategy(value: string): RoutingStrategy | null {
  return ROUTING_STRATEGY_ALIASES[value.trim().toLowerCase()] ?? null;
}

const PROXY_URL_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);

function hasScheme(value: string, schemes: ReadonlySet<string>): boolean {
  try {
    const url = new URL(value);
    return schemes.has(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** True for '' (no proxy) or an http, https, socks5 or socks5h URL with a host. */
export function isValidProxyUrl(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || hasScheme(trimmed, PROXY_URL_SCHEMES);
}

/** Per-credential proxy: like the global one, plus `direct`/`none` to bypass every proxy (docs/config.md#outbound-proxy). */
export function isValidEntryProxyUrl(value: string): boolean {
  const lowered = value.trim().toLowerCase();
  return lowered === 'direct' || lowered === 'none' || isValidProxyUrl(value);
}

function scalarToText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

const text = z.preprocess(scalarToText, z.string());
const optionalText = text.nullish();
const flag = z.boolean().nullish();
const integer = z.number().int();

// Messages never echo the value: proxy URLs carry passwords.
const proxyUrl = text.refine(isValidProxyUrl, {
  message: 'expected empty or a URL with scheme http, https, socks5 or socks5h',
});
const entryProxyUrl = text.refine(isValidEntryProxyUrl, {
  message: 'expected empty, "direct", "none" or a URL with scheme http, https, socks5 or socks5h',
});
const HTTP_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);
const baseUrl = text.refine((value) => value.trim() === '' || hasScheme(value.trim(), HTTP_SCHEMES), {
  message: 'expected an http:// or https:// URL',
});

const routingStrategy = text.transform((value, context): RoutingStrategy => {
  const strategy = parseRoutingStrategy(value);
  if (strategy !== null) return strategy;
  context.issues.push({
    code: 'custom',
    input: value,
    message: 'expected round-robin (also roundrobin, rr), fill-first (also fillfirst, ff) or weighted-round-robin (also weightedroundrobin, wrr)',
  });
  return z.NEVER;
});

/**
 * A number of seconds: a plain number, or a duration with units (`30s`, `5m`, `1h`, `1m30s`) as the
 * guides users copy from write `max-retry-interval`, and as CPA writes `session-affinity-ttl`.
 */
const seconds = z.unknown().transform((value, context): number => {
  const parsed = parseDurationSeconds(value);
  if (parsed !== null) return parsed;
  context.issues.push({ code: 'custom', input: value, message: 'expected a number of seconds or a duration such as 30s, 5m, 1h or 1m30s' });
  return z.NEVER;
});
const nonNegativeSeconds = seconds.pipe(z.number().min(0));

/** A credential's share under weighted-round-robin; 0 or less leaves it out, more than 1,000,000 is refused as in CPA. */
const weight = integer.max(1_000_000).nullish();

const tlsSchema = z
  .looseObject({ enable: flag, cert: optionalText, key: optionalText })
  .superRefine((tls, context) => {
    if (tls.enable !== true) return;
    for (const field of ['cert', 'key'] as const) {
      if ((tls[field] ?? '').trim() === '') {
        context.addIssue({ code: 'custom', path: [field], message: 'required when tls.enable is true' });
      }
    }
  });

const remoteManagementSchema = z.looseObject({
  'allow-remote': flag,
  'secret-key': optionalText,
  'disable-control-panel': flag,
  /** Ours: an HTML file served at /management.html instead of the bundled panel (e.g. CPA's official panel). */
  'panel-file': optionalText,
  /** Ours: web origins allowed to call /v0/management from a browser (CORS); none by default. */
  'allowed-origins': z.array(text).nullish(),
  /** Ours: a GitHub-style `releases/latest` JSON URL that `GET /latest-version` reads; empty = "unknown". */
  'release-feed-url': optionalText,
});

/** `session-affinity` keeps a client session on one credential for `session-affinity-ttl`. */
const routingSchema = z.looseObject({
  strategy: routingStrategy.nullish(),
  'session-affinity': flag,
  'session-affinity-ttl': seconds.nullish(),
});

const streamingSchema = z.looseObject({
  'keepalive-seconds': nonNegativeSeconds.nullish(),
  'bootstrap-retries': integer.min(0).nullish(),
  'upstream-idle-timeout-seconds': nonNegativeSeconds.nullish(),
});

/** docs/config.md#payload-rules. Only the fields we model are typed; CPA's newer matchers (headers, match, exist...) pass through. */
const payloadModelMatchSchema = z.looseObject({
  name: text,
  protocol: optionalText,
  'from-protocol': optionalText,
});
const payloadRuleSchema = z.looseObject({
  models: z.array(payloadModelMatchSchema).nullish(),
  params: z.record(z.string(), z.unknown()).nullish(),
});
const payloadFilterRuleSchema = z.looseObject({
  models: z.array(payloadModelMatchSchema).nullish(),
  params: z.array(text).nullish(),
});
const payloadSchema = z.looseObject({
  default: z.array(payloadRuleSchema).nullish(),
  'default-raw': z.array(payloadRuleSchema).nullish(),
  override: z.array(payloadRuleSchema).nullish(),
  'override-raw': z.array(payloadRuleSchema).nullish(),
  filter: z.array(payloadFilterRuleSchema).nullish(),
});

/** Extra upstream request headers of a credential; a `$Name` value copies the client's header (docs/config.md#credential-entries). */
const headersSchema = z.record(z.string(), optionalText);

/**
 * `models[]` of every credential list: `name` is the upstream model, `alias` what clients ask for. CPA's
 * other model keys (display-name, force-mapping, thinking, is-compat...) pass through.
 */
const modelAliasSchema = z.looseObject({ name: text, alias: optionalText, 'force-mapping': z.boolean().nullish() });

/** docs/config.md#credential-entries, `openai-compatibility[]`. */
const openAICompatibilityEntrySchema = z.looseObject({
  name: optionalText,
  prefix: optionalText,
  'base-url': baseUrl.nullish(),
  headers: headersSchema.nullish(),
  'api-key-entries': z
    .array(z.looseObject({ 'api-key': optionalText, 'proxy-url': entryProxyUrl.nullish(), weight }))
    .nullish(),
  /** Legacy (Nov-2025): a plain list of keys, migrated to api-key-entries. */
  'api-keys': z.array(text).nullish(),
  models: z.array(modelAliasSchema).nullish(),
  'excluded-models': z.array(text).nullish(),
  disabled: flag,
  priority: integer.nullish(),
});

/**
 * docs/config.md#credential-entries, the fields `gemini-api-key`, `codex-api-key`, `claude-api-key` and `vertex-api-key` entries share. The other CPA
 * keys (disable-cooling, request-retry, request-scoped-errors, websockets, alpha-search...) are
 * not used yet and pass through untouched.
 */
const apiKeyEntrySchema = z.looseObject({
  'api-key': optionalText,
  'base-url': baseUrl.nullish(),
  prefix: optionalText,
  priority: integer.nullish(),
  weight,
  'proxy-url': entryProxyUrl.nullish(),
  headers: headersSchema.nullish(),
  models: z.array(modelAliasSchema).nullish(),
  'excluded-models': z.array(text).nullish(),
});

export type ClaudeCloakMode = 'auto' | 'always' | 'never';
const CLAUDE_CLOAK_MODES: readonly ClaudeCloakMode[] = ['auto', 'always', 'never'];

/** Compared trimmed and lower-cased like CPA; empty (null) means the default. */
const claudeCloakMode = text.transform((value, context): ClaudeCloakMode | null => {
  const mode = value.trim().toLowerCase();
  if (mode === '') return null;
  const known = CLAUDE_CLOAK_MODES.find((candidate) => candidate === mode);
  if (known !== undefined) return known;
  context.issues.push({ code: 'custom', input: value, message: 'expected auto, always or never' });
  return z.NEVER;
});

/** `claude-api-key[].cloak`: disguise non-Claude-Code clients as Claude Code (docs/config.md#credential-entries). */
const claudeApiKeyEntrySchema = apiKeyEntrySchema.extend({
  cloak: z
    .looseObject({
      mode: claudeCloakMode.nullish(),
      'strict-mode': flag,
      'sensitive-words': z.array(text).nullish(),
      'cache-user-id': flag,
    })
    .nullish(),
});

/** docs/config.md#oauth-model-alias-and-oauth-excluded-models: `oauth-model-alias.<channel>[]` entries. */
const oauthModelAliasEntrySchema = z.looseObject({
  name: optionalText,
  alias: optionalText,
  fork: flag,
  'display-name': optionalText,
  'force-mapping': flag,
});

/**
 * Per-channel lists (CPA's form); a channel with no value means none. A text value is the flat form a
 * widely read guide writes (`gemini: "gemini-2.5-pro"`, alias -> model), which CPA does not read; it is
 * accepted as an alias over every provider (normalize-oauth-models.ts).
 */
const oauthModelAliasSchema = z.record(z.string(), z.union([z.array(oauthModelAliasEntrySchema), text]).nullish());
const oauthExcludedModelsSchema = z.record(z.string(), z.array(text).nullish());

/**
 * Keys implemented by later work. Accepted with any value and preserved in the document, never reported
 * as unknown. Typed loosely on purpose: whoever implements one tightens its schema here.
 */
const laterKey = z.unknown().optional();

/** Fallback Claude Code fingerprint headers (docs/config.md#claude-and-codex-header-defaults). */
const claudeHeaderDefaultsSchema = z.looseObject({
  'user-agent': optionalText,
  'package-version': optionalText,
  'runtime-version': optionalText,
  os: optionalText,
  arch: optionalText,
  timeout: optionalText,
  timezone: optionalText,
});

/** Fallback Codex OAuth `user-agent` (docs/config.md#claude-and-codex-header-defaults; `beta-features` is for the WebSocket transport). */
const codexHeaderDefaultsSchema = z.looseObject({ 'user-agent': optionalText, 'beta-features': optionalText });

export const configSchema = z.looseObject({
  host: optionalText,
  port: integer.min(1).max(65535).nullish(),
  tls: tlsSchema.nullish(),
  'remote-management': remoteManagementSchema.nullish(),
  'auth-dir': optionalText,
  'api-keys': z.array(text).nullish(),
  debug: flag,
  'logging-to-file': flag,
  'usage-statistics-enabled': flag,
  'proxy-url': proxyUrl.nullish(),
  'force-model-prefix': flag,
  'request-retry': integer.min(0).nullish(),
  'max-retry-credentials': integer.nullish(),
  'max-retry-interval': seconds.nullish(),
  'disable-cooling': flag,
  'transient-error-cooldown-seconds': seconds.nullish(),
  routing: routingSchema.nullish(),
  streaming: streamingSchema.nullish(),
  'ws-auth': flag,
  'request-log': flag,
  /** Our own key: largest accepted request body, in megabytes. */
  'body-limit-mb': z.number().positive().nullish(),
  payload: payloadSchema.nullish(),
  'openai-compatibility': z.array(openAICompatibilityEntrySchema).nullish(),
  'gemini-api-key': z.array(apiKeyEntrySchema).nullish(),
  'codex-api-key': z.array(apiKeyEntrySchema).nullish(),
  'claude-api-key': z.array(claudeApiKeyEntrySchema).nullish(),
  /** true: a `claude-api-key` cloak block without `mode` means `never` instead of `auto` (docs/config.md#credential-entries). */
  'disable-claude-cloak-mode': flag,
  /** Our own block: the public URL for Cursor (src-proxy/tunnel/tunnel-config.ts). */
  tunnel: tunnelConfigSchema.nullish(),
  /** Our own block: files + SQLite (default) or the PostgreSQL team server (src-proxy/store/store-config.ts). */
  store: storeConfigSchema.nullish(),

  // Keys of CPA's example file implemented later, in its order (docs/config.md#keys-kept-but-not-used-yet).
  pprof: laterKey,
  'credential-concurrency': laterKey,
  'credential-in-flight': laterKey,
  plugins: laterKey,
  'commercial-mode': laterKey,
  /** docs/management-api.md#scalar-settings: CPA clamps a negative value to 0 (unlimited) ... */
  'logs-max-total-size-mb': integer.nullish(),
  /** ... and a negative one to 10 here. */
  'error-logs-max-files': integer.nullish(),
  'redis-usage-queue-retention-seconds': laterKey,
  'passthrough-headers': laterKey,
  'save-cooldown-status': laterKey,
  'claude-code': laterKey,
  'disable-image-generation': laterKey,
  'gpt-image-2-base-model': laterKey,
  'video-result-auth-cache-ttl': laterKey,
  'auth-auto-refresh-workers': laterKey,
  'quota-exceeded': laterKey,
  codex: laterKey,
  antigravity: laterKey,
  xai: laterKey,
  'nonstream-keepalive-interval': laterKey,
  'antigravity-signature-cache-enabled': laterKey,
  'antigravity-signature-bypass-strict': laterKey,
  'interactions-api-key': laterKey,
  'xai-api-key': laterKey,
  'claude-header-defaults': claudeHeaderDefaultsSchema.nullish(),
  'codex-header-defaults': codexHeaderDefaultsSchema.nullish(),
  /** Vertex-compatible keys (docs/config.md#credential-entries): the `gemini-api-key` fields; the `vertex` provider serves them. */
  'vertex-api-key': z.array(apiKeyEntrySchema).nullish(),
  'oauth-model-alias': oauthModelAliasSchema.nullish(),
  'oauth-excluded-models': oauthExcludedModelsSchema.nullish(),
  'oauth-request-scoped-errors': laterKey,

  // Legacy keys still found in files written for older CPA versions (docs/config.md#legacy-keys).
  /** Nov-2025: a plain list of Gemini keys, merged into gemini-api-key. */
  'generative-language-api-key': z.array(text).nullish(),
  'oauth-model-mappings': laterKey,
  'model-name-mappings': laterKey,
  'amp-upstream-url': laterKey,
  'amp-upstream-api-key': laterKey,
  'amp-restrict-management-to-localhost': laterKey,
  ampcode: laterKey,
  auth: laterKey,
});

/** The validated document (kebab-case keys, nothing defaulted or normalized yet). */
export type ParsedConfig = z.output<typeof configSchema>;

/** Every top-level key the schema knows; any other key is kept but reported as a warning. */
export const KNOWN_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.keys(configSchema.shape));
