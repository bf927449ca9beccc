import { resolveEndpoints } from '../oauth/resolve-endpoints';

/** The Codex CLI's public OAuth client (docs/providers.md#codex-login). */
export const codexClientId = 'app_EMoamEEZ73f0CkXaXp7hrann';
/** Authorize scope (docs/providers.md#codex-login); refresh asks for `openid profile email` (docs/providers.md#codex-refresh). */
export const codexScopes = 'openid email profile offline_access';
export const codexRefreshScopes = 'openid profile email';
/** docs/providers.md#codex-login: the CLI's callback server listens on 1455, path /auth/callback. */
export const codexCallbackPort = 1455;
export const codexCallbackPath = '/auth/callback';

/** docs/providers.md#codex-device-login: the code exchange after a device approval uses this redirect URI. */
export const codexDeviceRedirectUri = 'https://auth.openai.com/deviceauth/callback';

export interface CodexOAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** Device login (docs/providers.md#codex-device-login, CLI only): user code request, approval polling, and the page the user opens. */
  deviceUserCodeUrl: string;
  deviceTokenUrl: string;
  deviceVerificationUrl: string;
  /** Upstream Responses base for ChatGPT accounts (`{base}/responses`). */
  apiBase: string;
}

export const defaultCodexOAuthEndpoints: CodexOAuthEndpoints = {
  authorizeUrl: 'https://auth.openai.com/oauth/authorize',
  tokenUrl: 'https://auth.openai.com/oauth/token',
  deviceUserCodeUrl: 'https://auth.openai.com/api/accounts/deviceauth/usercode',
  deviceTokenUrl: 'https://auth.openai.com/api/accounts/deviceauth/token',
  deviceVerificationUrl: 'https://auth.openai.com/codex/device',
  apiBase: 'https://chatgpt.com/backend-api/codex',
};

const environmentKeys: Readonly<Record<keyof CodexOAuthEndpoints, string>> = {
  authorizeUrl: 'CLIPROXY_CODEX_AUTHORIZE_URL',
  tokenUrl: 'CLIPROXY_CODEX_TOKEN_URL',
  deviceUserCodeUrl: 'CLIPROXY_CODEX_DEVICE_USERCODE_URL',
  deviceTokenUrl: 'CLIPROXY_CODEX_DEVICE_TOKEN_URL',
  deviceVerificationUrl: 'CLIPROXY_CODEX_DEVICE_VERIFICATION_URL',
  apiBase: 'CLIPROXY_CODEX_BASE_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveCodexOAuthEndpoints(overrides: Partial<CodexOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): CodexOAuthEndpoints {
  return resolveEndpoints(defaultCodexOAuthEndpoints, environmentKeys, overrides, environment);
}

export function codexRedirectUri(port: number): string {
  return `http://localhost:${port}${codexCallbackPath}`;
}
