import type { AuthStore } from '../auth-store/auth-store';
import { startClaudeLogin, type ClaudeLogin } from '../providers/claude/claude-login';
import type { ClaudeOAuthEndpoints } from '../providers/claude/claude-oauth-endpoints';
import { startCodexLogin } from '../providers/codex/codex-login';
import type { CodexOAuthEndpoints } from '../providers/codex/codex-oauth-endpoints';
import { startGeminiCliLogin } from '../providers/gemini-cli/gemini-cli-login';
import type { GeminiCliOAuthEndpoints } from '../providers/gemini-cli/gemini-cli-oauth-endpoints';
import { loginIFlowWithCookie } from '../providers/iflow/iflow-cookie-login';
import { startIFlowLogin } from '../providers/iflow/iflow-login';
import type { IFlowOAuthEndpoints } from '../providers/iflow/iflow-oauth-endpoints';
import { startQwenLogin } from '../providers/qwen/qwen-login';
import type { QwenOAuthEndpoints } from '../providers/qwen/qwen-oauth-endpoints';

/** `get-auth-status` answers (spec 0.1). */
export type LoginStatus = { status: 'wait' } | { status: 'ok'; email: string; accountId: string } | { status: 'error'; error: string };

/** Outcome of a pasted callback, with the HTTP status the management route answers (spec 0.1 "Manual paste"). */
export type CallbackSubmission = { ok: true } | { ok: false; httpStatus: 400 | 404 | 409; error: string };

export interface LoginSessionsOptions {
  store: AuthStore;
  claudeEndpoints: ClaudeOAuthEndpoints;
  /** Codex logins (spec 2.1) need these; without them `start('codex')` is refused. */
  codexEndpoints?: CodexOAuthEndpoints;
  /** Qwen's device flow (spec 4.1); without it a qwen login is refused. */
  qwenEndpoints?: QwenOAuthEndpoints;
  /** iFlow's OAuth login (spec 5.1); without it an iflow login is refused. */
  iflowEndpoints?: IFlowOAuthEndpoints;
  /** Gemini CLI's Google login (spec 3.1); without it a gemini login is refused. */
  geminiEndpoints?: GeminiCliOAuthEndpoints;
  /** Loopback callback port; undefined = the provider's own (54545 for Claude). Tests pass 0. */
  callbackPort?: number;
  now?: () => number;
}

interface Session {
  provider: LoginProvider;
  login: ClaudeLogin;
  status: LoginStatus;
  expiresAt: number;
}

/** Sessions live 30 minutes; finished ones stay readable 1 more minute (spec 0.1). */
const sessionTtlMs = 30 * 60_000;
const finishedTtlMs = 60_000;

/** Provider names the management API accepts, normalised as CPA does (spec 0.1): `anthropic|claude` -> anthropic, ... */
const loginProviders: Readonly<Record<string, LoginProvider>> = {
  anthropic: 'anthropic',
  claude: 'anthropic',
  codex: 'codex',
  openai: 'codex',
  gemini: 'gemini',
  'gemini-cli': 'gemini',
  google: 'gemini',
  qwen: 'qwen',
  iflow: 'iflow',
};

export type LoginProvider = 'anthropic' | 'codex' | 'gemini' | 'qwen' | 'iflow';

/** The engine route each provider's web-UI forwarder sends the browser to (spec 0.1; Gemini's is `/google/callback`). */
export const webUiCallbackPaths: Readonly<Record<Exclude<LoginProvider, 'qwen'>, string>> = {
  anthropic: '/anthropic/callback',
  codex: '/codex/callback',
  gemini: '/google/callback',
  iflow: '/iflow/callback',
};

export function normalizeLoginProvider(name: string): LoginProvider | null {
  return loginProviders[name.trim().toLowerCase()] ?? null;
}

export interface StartLoginOptions {
  /** Gemini CLI: the project to onboard (empty: discover). */
  projectId?: string;
  /** Web-UI mode (`?is_webui=true`): the engine's origin; the callback listener forwards to its `/<provider>/callback`. */
  webUiOrigin?: string;
}

/**
 * The engine's login API for the management routes and the desktop UI: start a login (-> URL and
 * state), poll its status (wait | ok | error), submit a pasted callback, cancel.
 */
export class LoginSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly finishedListeners = new Set<(state: string, provider: LoginProvider, status: LoginStatus) => void>();
  private readonly now: () => number;

  constructor(private readonly options: LoginSessionsOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(provider: string, options: StartLoginOptions = {}): Promise<{ url: string; state: string; userCode?: string; expiresIn?: number }> {
    this.prune();
    const name = normalizeLoginProvider(provider);
    if (name === 'qwen') return this.startQwen();
    const { store, callbackPort, now } = this.options;
    const common = {
      store,
      timeoutMs: sessionTtlMs,
      ...(callbackPort !== undefined ? { callbackPort } : {}),
      ...(now ? { now } : {}),
      ...(name && options.webUiOrigin ? { forwardTo: `${options.webUiOrigin}${webUiCallbackPaths[name]}` } : {}),
    };
    const { geminiEndpoints, codexEndpoints, iflowEndpoints, claudeEndpoints } = this.options;
    if (name === 'gemini' && geminiEndpoints) return this.track(name, await startGeminiCliLogin({ ...common, endpoints: geminiEndpoints, projectId: options.projectId ?? '' }));
    if (name === 'codex' && codexEndpoints) return this.track(name, await startCodexLogin({ ...common, endpoints: codexEndpoints }));
    if (name === 'iflow' && iflowEndpoints) return this.track(name, await startIFlowLogin({ ...common, endpoints: iflowEndpoints }));
    if (name === 'anthropic') return this.track(name, await startClaudeLogin({ ...common, endpoints: claudeEndpoints }));
    throw new Error(`Login for '${provider}' is not supported yet`);
  }

  private track(provider: LoginProvider, login: ClaudeLogin): { url: string; state: string } {
    const session: Session = { provider, login, status: { status: 'wait' }, expiresAt: this.now() + sessionTtlMs };
    this.sessions.set(login.state, session);
    login.result.then(
      (result) => this.finish(login.state, session, { status: 'ok', email: result.email, accountId: result.accountId }),
      (error: unknown) => this.finish(login.state, session, { status: 'error', error: error instanceof Error ? error.message : 'Login failed' }),
    );
    return { url: login.url, state: login.state };
  }

  /** Spec 5.2: iFlow's cookie login, done at once (no session); throws IFlowCookieLoginError with the answer's status. */
  async loginIFlowCookie(cookie: string): Promise<{ email: string; accountId: string }> {
    if (!this.options.iflowEndpoints) throw new Error("Login for 'iflow' is not supported yet");
    return loginIFlowWithCookie({ endpoints: this.options.iflowEndpoints, store: this.options.store, cookie, ...(this.options.now ? { now: this.options.now } : {}) });
  }

  /** Spec 4.1: a device flow; the URL is `verification_uri_complete` and polling runs in the background. */
  private async startQwen(): Promise<{ url: string; state: string; userCode: string; expiresIn: number }> {
    if (!this.options.qwenEndpoints) throw new Error("Login for 'qwen' is not supported yet");
    const login = await startQwenLogin({ endpoints: this.options.qwenEndpoints, store: this.options.store, ...(this.options.now ? { now: this.options.now } : {}) });
    return { ...this.track('qwen', login), userCode: login.userCode, expiresIn: login.expiresIn };
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
