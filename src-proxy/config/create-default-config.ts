import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_DEFAULTS } from './config-defaults';
import { writeFileAtomic } from './write-file-atomic';

/** A client key for `api-keys`: `sk-cliproxy-` + 32 URL-safe random characters (192 bits). */
export function generateClientApiKey(): string {
  return `sk-cliproxy-${randomBytes(24).toString('base64url')}`;
}

export interface DefaultConfigValues {
  apiKey: string;
  /** Absolute path written as `auth-dir`. */
  authDir: string;
}

/**
 * The commented config.yaml written on first run. Strings are written as JSON strings, which are valid
 * YAML double-quoted scalars, so any path (Windows backslashes included) round-trips.
 */
export function renderDefaultConfig(values: DefaultConfigValues): string {
  const quote = (value: string): string => JSON.stringify(value);
  return `# CLI Proxy Desktop configuration. The keys are those of CLIProxyAPI's config.yaml,
# so a file written for it works here too.

# Address the proxy listens on. 127.0.0.1 accepts connections from this computer only.
host: ${quote(CONFIG_DEFAULTS.host)}

# Port the proxy listens on.
port: ${CONFIG_DEFAULTS.port}

# Keys your tools (Cursor, Claude Code, SDKs...) send as their API key. Keep them secret.
# An empty list turns client authentication off.
api-keys:
  - ${quote(values.apiKey)}

# Folder holding one JSON file per logged-in account.
auth-dir: ${quote(values.authDir)}

# Extra rounds of attempts across your accounts when a request fails (403, 408, 429, 5xx).
request-retry: ${CONFIG_DEFAULTS.requestRetry}

# Longest wait, in seconds, for a cooling-down account before another round.
max-retry-interval: ${CONFIG_DEFAULTS.maxRetryInterval}

# How requests are spread over accounts: round-robin (take turns), fill-first
# (use one account until it is exhausted, then the next) or weighted-round-robin
# (turns in proportion to each account's weight).
routing:
  strategy: ${CONFIG_DEFAULTS.routingStrategy}

# Proxy for calls to the AI providers: http://, https://, socks5:// or socks5h:// URL. Empty = direct.
proxy-url: ""

# Any OpenAI-compatible service can be added as an account, for example:
# openai-compatibility:
#   - name: "openrouter"
#     base-url: "https://openrouter.ai/api/v1"
#     api-key-entries:
#       - api-key: "sk-or-v1-..."
#     models:
#       - name: "moonshotai/kimi-k2"   # the provider's model id
#         alias: "kimi-k2"             # the id your tools ask for
`;
}

/**
 * Creates a commented default config at `path` unless a file is already there (it is never touched).
 * Returns the generated client key so the caller can show it once.
 */
export async function ensureConfigFile(path: string): Promise<{ created: boolean; apiKey: string | null }> {
  const absolutePath = resolve(path);
  if (await exists(absolutePath)) return { created: false, apiKey: null };
  const apiKey = generateClientApiKey();
  const authDir = join(dirname(absolutePath), 'auths');
  await writeFileAtomic(absolutePath, renderDefaultConfig({ apiKey, authDir }), 0o600);
  return { created: true, apiKey };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
