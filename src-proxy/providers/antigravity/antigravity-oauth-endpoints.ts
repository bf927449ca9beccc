import { resolveEndpoints } from '../oauth/resolve-endpoints';
import type { GoogleOAuthClient } from '../gemini-cli/gemini-cli-token-client';

/** Antigravity's public Google OAuth client (docs/providers.md#antigravity-login); the secret ships inside the app, so it is not a secret. */
export const antigravityClient: GoogleOAuthClient = {
  clientId: '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com',
  clientSecret: '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',
};
export const antigravityScopes: readonly string[] = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
  'https://www.googleapis.com/auth/cclog',
  'https://www.googleapis.com/auth/experimentsandconfigs',
];
/** docs/providers.md#antigravity-login: the callback listens on 51121, path /oauth-callback. */
export const antigravityCallbackPort = 51121;
export const antigravityCallbackPath = '/oauth-callback';

export interface AntigravityEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
  /** The daily Cloud Code origin: model calls and `onboardUser` (`{base}/v1internal:<method>`). */
  apiBase: string;
  /** The production Cloud Code origin: `loadCodeAssist`. */
  loadCodeAssistBase: string;
}

export const defaultAntigravityEndpoints: AntigravityEndpoints = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  userInfoUrl: 'https://www.googleapis.com/oauth2/v2/userinfo?alt=json',
  apiBase: 'https://daily-cloudcode-pa.googleapis.com',
  loadCodeAssistBase: 'https://cloudcode-pa.googleapis.com',
};

const environmentKeys: Readonly<Record<keyof AntigravityEndpoints, string>> = {
  authorizeUrl: 'CLIPROXY_ANTIGRAVITY_AUTHORIZE_URL',
  tokenUrl: 'CLIPROXY_ANTIGRAVITY_TOKEN_URL',
  userInfoUrl: 'CLIPROXY_ANTIGRAVITY_USERINFO_URL',
  apiBase: 'CLIPROXY_ANTIGRAVITY_API_URL',
  loadCodeAssistBase: 'CLIPROXY_ANTIGRAVITY_LOAD_CODE_ASSIST_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveAntigravityEndpoints(overrides: Partial<AntigravityEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): AntigravityEndpoints {
  return resolveEndpoints(defaultAntigravityEndpoints, environmentKeys, overrides, environment);
}

export function antigravityRedirectUri(port: number): string {
  return `http://localhost:${port}${antigravityCallbackPath}`;
}
