import { resolveEndpoints } from '../oauth/resolve-endpoints';

/** iFlow's public OAuth client (docs/providers.md#iflow-login). */
export const iflowClientId = '10009311001';
export const iflowClientSecret = '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW';
/** docs/providers.md#iflow-login: the loopback callback iFlow redirects to. */
export const iflowCallbackPort = 11451;
export const iflowCallbackPath = '/oauth2callback';

export function iflowRedirectUri(port: number): string {
  return `http://localhost:${port}${iflowCallbackPath}`;
}

export interface IFlowOAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** `GET ?accessToken=` -> `{success, data:{apiKey, email, phone}}` (docs/providers.md#iflow-login). */
  userInfoUrl: string;
  /** Upstream base when the file names no `base_url` (docs/providers.md#iflow-executor). */
  apiBase: string;
  /** Cookie login (docs/providers.md#iflow-cookie-login): GET -> the account's key and name, POST {name} -> the key to use. */
  apiKeyUrl: string;
}

export const defaultIFlowOAuthEndpoints: IFlowOAuthEndpoints = {
  authorizeUrl: 'https://iflow.cn/oauth',
  tokenUrl: 'https://iflow.cn/oauth/token',
  userInfoUrl: 'https://iflow.cn/api/oauth/getUserInfo',
  apiBase: 'https://apis.iflow.cn/v1',
  apiKeyUrl: 'https://platform.iflow.cn/api/openapi/apikey',
};

const environmentKeys: Readonly<Record<keyof IFlowOAuthEndpoints, string>> = {
  authorizeUrl: 'CLIPROXY_IFLOW_AUTHORIZE_URL',
  tokenUrl: 'CLIPROXY_IFLOW_TOKEN_URL',
  userInfoUrl: 'CLIPROXY_IFLOW_USER_INFO_URL',
  apiBase: 'CLIPROXY_IFLOW_BASE_URL',
  apiKeyUrl: 'CLIPROXY_IFLOW_APIKEY_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveIFlowOAuthEndpoints(overrides: Partial<IFlowOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): IFlowOAuthEndpoints {
  return resolveEndpoints(defaultIFlowOAuthEndpoints, environmentKeys, overrides, environment);
}
