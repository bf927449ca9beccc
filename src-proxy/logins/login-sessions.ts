import type { AuthStore } from '../auth-store/auth-store';
import type { BoundProviderAuth, ProviderLogin, StartedLogin } from '../providers/provider-auth';
import { loginProviders } from '../providers/registry';
import { loginFailureMessage } from '../providers/oauth/login-failure-message';

/** `get-auth-status` answers (docs/providers.md#starting-a-login-from-the-management-api). */
export type LoginStatus = { status: 'wait' } | { status: 'ok'; email: string; accountId: string } | { status: 'error'; error: string };

/** Outcome of a pasted callback, with the HTTP status the management route answers (docs/providers.md#starting-a-login-from-the-management-api). */
export type CallbackSubmission = { ok: true } | { ok: false; httpStatus: 400 | 404 | 409; error: string };

/**
 * `store`, the callback port and clock, and each login provider's resolved endpoints as
 * `<endpointKey>Endpoints` (e.g. `claudeEndpoints`): a provider whose endpoints are missing is refused.
 */
export type LoginSessionsOptions = {
  store: AuthStore;
  /** Loopback callback port; undefined = each provider's own. Tests pass 0. */
  callbackPort?: number;
  now?: () => number;
} & { [endpoints: `${string}Endpoints`]: object | undefined };

interface Session {
  provider: LoginProvider;
  login: StartedLogin;
  status: LoginStatus;
  expiresAt: number;
}

/** A login the sessions can start: the provider's management names and its auth bound to the given endpoints. */
interface LoginEntry {
  login: ProviderLogin;
  bound: BoundProviderAuth;
}

/** Sessions live 30 minutes; finished ones stay readable 1 more minute (docs/providers.md#starting-a-login-from-the-management-api). */
const sessionTtlMs = 30 * 60_000;
const finishedTtlMs = 60_000;

/** A login provider's session name in the management API its `auth.login.name`. */
export type LoginProvider = string;

/** Provider names the management API accepts, normalised as CPA does (docs/providers.md#starting-a-login-from-the-management-api): each provider's `auth.login.aliases` -> its name. */
const loginNames: ReadonlyMap<string, LoginProvider> = new Map(loginProviders.flatMap((provider) => provider.auth.login.aliases.map((alias) => [alias, provider.auth.login.name] as const)));

/** The engine route each provider's web-UI forwarder sends the browser to (docs/providers.md#starting-a-login-from-the-management-api): each browser login's `auth.login.webUiCallbackPath`. */
export const webUiCallbackPaths: Readonly<Record<LoginProvider, string>> = Object.fromEntries(
  loginProviders.flatMap((provider) => (provider.auth.login.webUiCallbackPath ? [[provider.auth.login.name, provider.auth.login.webUiCallbackPath]] : [])),
);

export function normalizeLoginProvider(name: string): LoginProvider | null {
  return loginNames.get(name.trim().toLowerCase()) ?? null;
}

/** Every login the management API can start, in registry order, with its routes. */
export function loginDeclarations(): readonly ProviderLogin[] {
  return loginProviders.map((provider) => provider.auth.login);
}

export interface StartLoginOptions {
  /** Logins that onboard a project (`auth.login.takesProjectId`): the project (empty: discover). */
  projectId?: string;
  /** Web-UI mode (`?is_webui=true`): the engine's origin; the callback listener forwards to its `/<provider>/callback`. */
  webUiOrigin?: string;
}

/** A login that just started: its state, provider, the page to open and, for device flows, the code to confirm. */
export interface StartedLoginSession {
  state: string;
  provider: LoginProvider;
  url: string;
  userCode?: string;
  expiresIn?: number;
}

/**
 * The engine's login API for the management routes and the desktop UI: start a login (-> URL and
 * state), poll its status (wait | ok | error), submit a pasted callback, cancel.
 */
export class LoginSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly finishedListeners = new Set<(state: string, provider: LoginProvider, status: LoginStatus) => void>();
  private readonly startedListeners = new Set<(started: StartedLoginSession) => void>();
  private readonly now: () => number;

  private readonly logins = new Map<LoginProvider, LoginEntry>();

  constructor(private readonly options: LoginSessionsOptions) {
    this.now = options.now ?? Date.now;
    for (const provider of loginProviders) {
      const endpoints = options[`${provider.auth.endpointKey}Endpoints`];
      if (endpoints) this.logins.set(provider.auth.login.name, { login: provider.auth.login, bound: provider.auth.bind(endpoints) });
    }
  }

  async start(provider: string, options: StartLoginOptions = {}): Promise<{ url: string; state: string; userCode?: string; expiresIn?: number }> {
    this.prune();
    const name = normalizeLoginProvider(provider);
    const entry = name === null ? undefined : this.logins.get(name);
    if (!entry) throw new Error(`Login for '${provider}' is not supported yet`);
    const { store, callbackPort, now } = this.options;
    const { webUiCallbackPath, takesProjectId } = entry.login;
    const login = await entry.bound.startLogin({
      store,
      timeoutMs: sessionTtlMs,
      ...(callbackPort !== undefined ? { callbackPort } : {}),
      ...(now ? { now } : {}),
      ...(webUiCallbackPath && options.webUiOrigin ? { forwardTo: `${options.webUiOrigin}${webUiCallbackPath}` } : {}),
      ...(takesProjectId ? { projectId: options.projectId ?? '' } : {}),
    });
    // A device flow shows the user a code to confirm (docs/providers.md#qwen-login).
    const device = login.userCode !== undefined && login.expiresIn !== undefined ? { userCode: login.userCode, expiresIn: login.expiresIn } : {};
    const started = { ...this.track(entry.login.name, login), ...device };
    for (const listener of this.startedListeners) listener({ ...started, provider: entry.login.name });
    return started;
  }

  private track(provider: LoginProvider, login: StartedLogin): { url: string; state: string } {
    const session: Session = { provider, login, status: { status: 'wait' }, expiresAt: this.now() + sessionTtlMs };
    this.sessions.set(login.state, session);
    login.result.then(
      (result) => this.finish(login.state, session, { status: 'ok', email: result.email, accountId: result.accountId }),
      (error: unknown) => this.finish(login.state, session, { status: 'error', error: loginFailureMessage(error) }),
    );
    return { url: login.url, state: login.state };
  }

  /** A login done at once from a browser cookie (`auth.login.cookieLogin`; no session); throws the provider's refusal. */
  async loginWithCookie(provider: string, cookie: string): Promise<{ email: string; accountId: string }> {
    const name = normalizeLoginProvider(provider);
    const loginWithCookie = name === null ? undefined : this.logins.get(name)?.bound.loginWithCookie;
    if (!loginWithCookie) throw new Error(`Login for '${provider}' is not supported yet`);
    return loginWithCookie({ store: this.options.store, cookie, ...(this.options.now ? { now: this.options.now } : {}) });
  }

  /** The control contract's name for a session's provider (`auth.login.controlName`). */
  controlName(provider: LoginProvider): string {
    return loginProviders.find((entry) => entry.auth.login.name === provider)?.auth.login.controlName ?? provider;
  }

  status(state: string): LoginStatus {
    this.prune();
    return this.sessions.get(state)?.status ?? { status: 'error', error: 'Unknown or expired login state' };
  }

  /** A callback URL the user pasted (or code + state); answers like CPA's `/oauth-callback`. */
  submitCallback(input: { state: string; provider?: LoginProvider; redirectUrl?: string; code?: string; error?: string }): CallbackSubmission {
    this.prune();
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(input.state) || input.state.includes('..')) return { ok: false, httpStatus: 400, error: 'invalid state' };
    const session = this.sessions.get(input.state);
    if (!session) return { ok: false, httpStatus: 404, error: 'unknown or expired state' };
    if (input.provider && input.provider !== session.provider) return { ok: false, httpStatus: 400, error: 'the state belongs to another provider' };
    if (session.status.status !== 'wait') return { ok: false, httpStatus: 409, error: 'login already finished' };
    const url = input.redirectUrl ?? `http://localhost/callback?${new URLSearchParams({ state: input.state, ...(input.code ? { code: input.code } : {}), ...(input.error ? { error: input.error } : {}) }).toString()}`;
    return session.login.submitPastedUrl(url) ? { ok: true } : { ok: false, httpStatus: 400, error: 'no code for this state in the callback' };
  }

  cancel(state: string): boolean {
    const session = this.sessions.get(state);
    if (!session || session.status.status !== 'wait') return false;
    session.login.cancel();
    return true;
  }

  /** Called when a login starts, whichever route started it (the UI, the tray, CPA's management routes). */
  onStarted(listener: (started: StartedLoginSession) => void): () => void {
    this.startedListeners.add(listener);
    return () => this.startedListeners.delete(listener);
  }

  /** Called once when a login finishes (ok or error), whichever route started it. */
  onFinished(listener: (state: string, provider: LoginProvider, status: LoginStatus) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Stops every waiting login (engine shutdown). */
  close(): void {
    for (const session of this.sessions.values()) if (session.status.status === 'wait') session.login.cancel();
  }

  private finish(state: string, session: Session, status: LoginStatus): void {
    session.status = status;
    session.expiresAt = this.now() + finishedTtlMs;
    for (const listener of this.finishedListeners) listener(state, session.provider, status);
  }

  private prune(): void {
    const now = this.now();
    for (const [state, session] of this.sessions) {
      if (session.expiresAt > now) continue;
      if (session.status.status === 'wait') session.login.cancel();
      this.sessions.delete(state);
    }
  }
}
