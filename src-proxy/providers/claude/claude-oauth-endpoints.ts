import { resolveEndpoints } from '../oauth/resolve-endpoints';

/** Claude Code's public OAuth client (docs/providers.md#claude-login). */
export const claudeClientId = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

/** The scope string of the authorize URL and of every refresh (docs/providers.md#claude-login, docs/providers.md#claude-refresh; current since April 2026). */
export const claudeScopes = 'user:profile user:inference user:sessions:claude_code user:mcp_servers user:file_upload';

/** docs/providers.md#claude-login: the CLI's callback server listens on 54545, path /callback. */
export const claudeCallbackPort = 54545;

export interface ClaudeOAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** Advisory profile call after the exchange and after a refresh (email, uuids). */
  profileUrl: string;
  /** Upstream Messages API base for OAuth accounts. */
  apiBase: string;
}

export const defaultClaudeOAuthEndpoints: ClaudeOAuthEndpoints = {
  authorizeUrl: 'https://claude.ai/oauth/authorize',
  tokenUrl: 'https://platform.claude.com/v1/oauth/token',
  profileUrl: 'https://api.anthropic.com/api/oauth/profile',
  apiBase: 'https://api.anthropic.com',
};

/** Environment overrides, so tests and odd networks can point every endpoint elsewhere. */
const environmentKeys: Readonly<Record<keyof ClaudeOAuthEndpoints, string>> = {
  authorizeUrl: 'CLIPROXY_CLAUDE_AUTHORIZE_URL',
  tokenUrl: 'CLIPROXY_CLAUDE_TOKEN_URL',
  profileUrl: 'CLIPROXY_CLAUDE_PROFILE_URL',
  apiBase: 'CLIPROXY_CLAUDE_BASE_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveClaudeOAuthEndpoints(overrides: Partial<ClaudeOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): ClaudeOAuthEndpoints {
  return resolveEndpoints(defaultClaudeOAuthEndpoints, environmentKeys, overrides, environment);
}

export function claudeRedirectUri(port: number): string {
  return `http://localhost:${port}/callback`;
}
