import type { RefreshFunction } from '../auth-store/account-refresher';
import type { AuthRecord } from '../auth-store/auth-record';
import type { AuthStore } from '../auth-store/auth-store';
import type { EngineConfig } from '../config/engine-config';
import type { Credential, CredentialOAuth } from '../routing/credential';
import type { OAuthModelConfig } from '../routing/oauth-model-list';

/**
 * Endpoint overrides per login provider, keyed by each provider's `auth.endpointKey` (tests point them at
 * fakes); a provider reads only its own entry. Environment variables also work (each provider's table).
 */
export type OAuthEndpointOverrides = Readonly<Record<string, object | undefined>>;

/** What the engine config gives OAuth credentials (EngineConfig fits; a provider reads its own keys, e.g. its header defaults). */
export type OAuthAccountsConfig = OAuthModelConfig & Partial<Omit<EngineConfig, keyof OAuthModelConfig>>;

/** What an auth file's credentials are built with besides the file. */
export interface OAuthCredentialContext {
  config: OAuthAccountsConfig;
  /**
   * The file's token, read from the store at call time and refreshed when due or rejected. `field` names
   * the data field holding the bearer (default `access_token`).
   */
  tokenSource(options?: { deviceId?: string; accountUuid?: string; field?: string }): CredentialOAuth;
}

/** What starting a login needs from the engine. */
export interface LoginStart {
  store: AuthStore;
  timeoutMs: number;
  /** Loopback callback port; undefined = the provider's own. Tests pass 0. */
  callbackPort?: number;
  now?: () => number;
  /** Web-UI mode: the callback listener forwards the browser to this engine URL. */
  forwardTo?: string;
  /** Providers that onboard a project (Gemini CLI): the project to use (empty: discover). */
  projectId?: string;
}

/** A started login, browser or device flow: what login sessions track. */
export interface StartedLogin {
  url: string;
  state: string;
  /** Device flows: the code the user confirms, and how long it is valid (seconds). */
  userCode?: string;
  expiresIn?: number;
  submitPastedUrl(text: string): boolean;
  cancel(): void;
  /** Resolves after the auth file is written. */
  result: Promise<{ email: string; accountId: string }>;
}

/** A provider's auth-file part bound to its resolved endpoints (defaults, environment, the engine's overrides). */
export interface BoundAuthFiles {
  /** The resolved endpoints (a login's are the login sessions' `<endpointKey>Endpoints` option). */
  endpoints: object;
  /** The auth-store refresh for this provider's files; absent when the files hold no token to renew (Vertex keeps its tokens in memory). */
  refresh?: RefreshFunction;
  /** The routing credentials of one auth file (several for a Gemini CLI file naming several projects). */
  credentials(record: AuthRecord, context: OAuthCredentialContext): Credential[];
  /** Account URLs besides the base URL that POST /api-call may send this provider's token to. */
  apiCallUrls: readonly string[];
}

/** A login provider's auth bound to its resolved endpoints. */
export interface BoundProviderAuth extends BoundAuthFiles {
  refresh: RefreshFunction;
  startLogin(start: LoginStart): Promise<StartedLogin>;
  /** A login done at once from a browser cookie (iFlow, docs/providers.md#iflow-cookie-login); throws an error `cookieLogin.statusOf` can read. */
  loginWithCookie?(input: { store: AuthStore; cookie: string; now?: () => number }): Promise<{ email: string; accountId: string }>;
}

/** How CPA's management API names and starts this provider's login (docs/providers.md#starting-a-login-from-the-management-api). */
export interface ProviderLogin {
  /** The session's provider name in the management API (`anthropic` for Claude). */
  name: string;
  /** Every name the management API accepts for it, normalised as CPA does (`anthropic|claude`). */
  aliases: readonly string[];
  /** Its name in the control contract (`logins.list`, `login.start`); the UI shows the provider's `label` for it. */
  controlName: string;
  /** `GET /v0/management/<authUrlRoute>` starts it. */
  authUrlRoute: string;
  /** The engine route the web-UI forwarder sends the browser to; absent for a device flow (no callback). */
  webUiCallbackPath?: string;
  /** The loopback port its browser callback listens on by default (the doctor checks it is free); absent for a device flow. */
  callbackPort?: number;
  /** Whether the start route reads `project_id`. */
  takesProjectId?: boolean;
  /** `POST /v0/management/<authUrlRoute> {cookie}`: a cookie login; `statusOf` gives a refusal's HTTP status. */
  cookieLogin?: { statusOf(error: unknown): number | undefined };
}

export interface LoginIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The flags and arguments of `cliproxy login <name>`. */
export interface CliLoginArgs {
  noBrowser: boolean;
  callbackPort: number | undefined;
  projectId: string | undefined;
  device: boolean;
  /** The positional after the provider name (Qwen: the file's name). */
  name: string | undefined;
}

/** `cliproxy login <name>`. */
export interface ProviderCliLogin {
  name: string;
  /** Its line of the CLI usage text. */
  usage: string;
  /** Whether it takes `--callback-port` (checked before the config is read). */
  takesCallbackPort: boolean;
  /** `store` is the auth-dir's store (`store.folder`), built with the registry's auth-file types. */
  run(store: AuthStore, args: CliLoginArgs, io: LoginIo): Promise<number>;
}

/**
 * The auth-file part of a provider (`ProviderDefinition.auth`): the `type` of its files in auth-dir, their
 * routing credentials and its endpoints. A provider whose files arrive by import (Vertex service accounts)
 * has only this; a login provider has a `ProviderAuth`.
 */
export interface ProviderAuthFiles {
  /** Its key in `EngineOptions.oauthEndpoints` (and a login's `<key>Endpoints` login-sessions option). */
  endpointKey: string;
  /** The `type` value(s) of its auth files (docs/providers.md#auth-files): the auth store gives such a file this provider's id. */
  fileTypes: readonly string[];
  /**
   * Optional: the `id_token` field of this provider's entries in CPA's auth-file list (docs/management-api.md#auth-files),
   * claims read from the file, never a token (Codex: account id and plan); null when the file has none.
   */
  authFileIdToken?(record: AuthRecord): Record<string, string> | null;
  /** Resolves the endpoints (defaults, then the environment, then `overrides`) and binds the auth to them. */
  bind(overrides?: object, environment?: NodeJS.ProcessEnv): BoundAuthFiles;
}

/**
 * A login provider's auth part (ARCHITECTURE.md section 3, `ProviderDefinition.auth`): how its login
 * runs in the engine and the CLI, its refresh, the credentials of its auth files and its endpoints. The
 * engine, login sessions, management login routes and the CLI loop over the registry's providers with one.
 */
export interface ProviderAuth extends ProviderAuthFiles {
  /** How long before expiry the refresh scheduler refreshes its files (docs/providers.md#refresh-scheduling); `refresh.leadFor` can override it per file. */
  refreshLeadMs: number;
  login: ProviderLogin;
  cli: ProviderCliLogin;
  /** Resolves the endpoints (defaults, then the environment, then `overrides`) and binds the auth to them. */
  bind(overrides?: object, environment?: NodeJS.ProcessEnv): BoundProviderAuth;
}
