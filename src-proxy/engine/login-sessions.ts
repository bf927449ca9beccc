import type { AuthStore } from '../auth-store/auth-store';
import { startClaudeLogin, type ClaudeLogin } from '../providers/claude/claude-login';
import type { ClaudeOAuthEndpoints } from '../providers/claude/claude-oauth-endpoints';
import { startCodexLogin } from '../providers/codex/codex-login';
import type { CodexOAuthEndpoints } from '../providers/codex/codex-oauth-endpoints';
import { startGeminiCliLogin } from '../providers/gemini-cli/gemini-cli-login';
import type { GeminiCliOAuthEndpoints } from '../providers/gemini-cli/gemini-cli-oauth-endpoints';
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
  provider: string;
  login: ClaudeLogin;
  status: LoginStatus;
  expiresAt: number;
}

/** Sessions live 30 minutes; finished ones stay readable 1 more minute (spec 0.1). */
const sessionTtlMs = 30 * 60_000;
const finishedTtlMs = 60_000;

/** Provider names the management API accepts for Claude (spec 0.1 normalisation). */
const claudeNames = new Set(['anthropic', 'claude']);
/** And for Gemini CLI (`gemini|gemini-cli|google` -> gemini). */
const geminiNames = new Set(['gemini', 'gemini-cli', 'google']);
/** And for Codex (`codex|openai` -> codex). */
const codexNames = new Set(['codex', 'openai']);

/**
 * The engine's login API for the management routes and the desktop UI: start a login (-> URL and
 * state), poll its status (wait | ok | error), submit a pasted callback, cancel. Only Claude so far.
 */
export class LoginSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: LoginSessionsOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(provider: string, options: { projectId?: string } = {}): Promise<{ url: string; state: string; userCode?: string; expiresIn?: number }> {
    this.prune();
    if (geminiNames.has(provider.toLowerCase()) && this.options.geminiEndpoints) return this.track('gemini', await startGeminiCliLogin({ endpoints: this.options.geminiEndpoints, store: this.options.store, timeoutMs: sessionTtlMs, projectId: options.projectId ?? '', ...(this.options.callbackPort !== undefined ? { callbackPort: this.options.callbackPort } : {}), ...(this.options.now ? { now: this.options.now } : {}) }));
    if (provider.toLowerCase() === 'qwen') return this.startQwen();
    const name = provider.toLowerCase();
    if (codexNames.has(name) && this.options.codexEndpoints) return this.track('codex', await startCodexLogin({ endpoints: this.options.codexEndpoints, store: this.options.store, timeoutMs: sessionTtlMs, ...(this.options.callbackPort !== undefined ? { callbackPort: this.options.callbackPort } : {}) }));
    if (name === 'iflow' && this.options.iflowEndpoints) return this.track('iflow', await startIFlowLogin({ endpoints: this.options.iflowEndpoints, store: this.options.store, timeoutMs: sessionTtlMs, ...(this.options.callbackPort !== undefined ? { callbackPort: this.options.callbackPort } : {}), ...(this.options.now ? { now: this.options.now } : {}) }));
    if (!claudeNames.has(name)) throw new Error(`Login for '${provider}' is not supported yet`);
    const login = await startClaudeLogin({
      endpoints: this.options.claudeEndpoints,
      store: this.options.store,
      timeoutMs: sessionTtlMs,
      ...(this.options.callbackPort !== undefined ? { callbackPort: this.options.callbackPort } : {}),
    });
    return this.track('anthropic', login);
  }

  private track(provider: string, login: ClaudeLogin): { url: string; state: string } {
    const session: Session = { provider, login, status: { status: 'wait' }, expiresAt: this.now() + sessionTtlMs };
    this.sessions.set(login.state, session);
    login.result.then(
      (result) => this.finish(session, { status: 'ok', email: result.email, accountId: result.accountId }),
      (error: unknown) => this.finish(session, { status: 'error', error: error instanceof Error ? error.message : 'Login failed' }),
    );
    return { url: login.url, state: login.state };
  }

  /** Spec 4.1: a device flow; the URL is `verification_uri_complete` and polling runs in the background. */
  private async startQwen(): Promise<{ url: string; state: string; userCode: string; expiresIn: number }> {
    if (!this.options.qwenEndpoints) throw new Error("Login for 'qwen' is not supported yet");
    const login = await startQwenLogin({ endpoints: this.options.qwenEndpoints, store: this.options.store, ...(this.options.now ? { now: this.options.now } : {}) });
    const session: Session = { provider: 'qwen', login, status: { status: 'wait' }, expiresAt: this.now() + sessionTtlMs };
    this.sessions.set(login.state, session);
    login.result.then(
      (result) => this.finish(session, { status: 'ok', email: result.email, accountId: result.accountId }),
      (error: unknown) => this.finish(session, { status: 'error', error: error instanceof Error ? error.message : 'Login failed' }),
    );
    return { url: login.url, state: login.state, userCode: login.userCode, expiresIn: login.expiresIn };
  }

  status(state: string): LoginStatus {
    this.prune();
    return this.sessions.get(state)?.status ?? { status: 'error', error: 'Unknown or expired login state' };
  }

  /** A callback URL the user pasted (or code + state); answers like CPA's `/oauth-callback`. */
  submitCallback(input: { state: string; redirectUrl?: string; code?: string; error?: string }): CallbackSubmission {
    this.prune();
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(input.state) || input.state.includes('..')) return { ok: false, httpStatus: 400, error: 'invalid state' };
    const session = this.sessions.get(input.state);
    if (!session) return { ok: false, httpStatus: 404, error: 'unknown or expired state' };
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

  /** Stops every waiting login (engine shutdown). */
  close(): void {
    for (const session of this.sessions.values()) if (session.status.status === 'wait') session.login.cancel();
  }

  private finish(session: Session, status: LoginStatus): void {
    session.status = status;
    session.expiresAt = this.now() + finishedTtlMs;
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
