import { resolveEndpoints } from '../oauth/resolve-endpoints';

/** The public Gemini CLI OAuth client (docs/providers.md#gemini-cli-login); the secret is embedded in the CLI, so it is not a secret. */
export const geminiCliClientId = '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com';
export const geminiCliClientSecret = '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';
export const geminiCliScopes: readonly string[] = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
];
/** docs/providers.md#gemini-cli-login: the CLI's callback server listens on 8085, path /oauth2callback. */
export const geminiCliCallbackPort = 8085;
export const geminiCliCallbackPath = '/oauth2callback';
/** The token_uri written into auth files (CPA's format), whatever endpoint a test used. */
export const googleTokenUri = 'https://oauth2.googleapis.com/token';

export interface GeminiCliOAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
  /** Cloud Code Assist origin: `{base}/v1internal:<method>`. */
  codeAssistBase: string;
  /** Cloud Resource Manager project list (docs/providers.md#gemini-cli-project-setup), read for `project_id=ALL`. */
  projectsUrl: string;
}

export const defaultGeminiCliOAuthEndpoints: GeminiCliOAuthEndpoints = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/auth',
  tokenUrl: googleTokenUri,
  userInfoUrl: 'https://www.googleapis.com/oauth2/v1/userinfo?alt=json',
  codeAssistBase: 'https://cloudcode-pa.googleapis.com',
  projectsUrl: 'https://cloudresourcemanager.googleapis.com/v1/projects',
};

const environmentKeys: Readonly<Record<keyof GeminiCliOAuthEndpoints, string>> = {
  authorizeUrl: 'CLIPROXY_GEMINI_AUTHORIZE_URL',
  tokenUrl: 'CLIPROXY_GEMINI_TOKEN_URL',
  userInfoUrl: 'CLIPROXY_GEMINI_USERINFO_URL',
  codeAssistBase: 'CLIPROXY_GEMINI_CODE_ASSIST_URL',
  projectsUrl: 'CLIPROXY_GEMINI_PROJECTS_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveGeminiCliOAuthEndpoints(overrides: Partial<GeminiCliOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): GeminiCliOAuthEndpoints {
  return resolveEndpoints(defaultGeminiCliOAuthEndpoints, environmentKeys, overrides, environment);
}

export function geminiCliRedirectUri(port: number): string {
  return `http://localhost:${port}${geminiCliCallbackPath}`;
}
