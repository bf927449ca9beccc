/** One upstream account as the UI lists it: an OAuth login (auth file) or a config API-key entry. Never holds a token or key. */
export interface AccountSummary {
  /** Credential id: the auth file name, or the config entry's id. */
  id: string;
  /** Provider id: 'claude', 'codex', 'gemini-cli', 'qwen', 'iflow', 'gemini-api', 'claude-api', 'codex-api', 'openai-compatible'. */
  provider: string;
  kind: 'oauth' | 'api-key';
  /** What a user recognises: email for logins, the entry's name or masked key for API keys. */
  label: string;
  email: string | null;
  status: AccountStatus;
  /** Human sentence for the status, e.g. 'Cooling down until 14:32 (rate limited)'. */
  statusMessage: string | null;
  /** Epoch ms until which the account is skipped; null when available. */
  coolingUntil: number | null;
  /** Epoch ms when the access token expires (logins only). */
  expiresAt: number | null;
  disabled: boolean;
  /** Models this account serves (after aliases and exclusions). */
  models: string[];
}

export type AccountStatus = 'active' | 'cooling' | 'needs-relogin' | 'disabled' | 'error';

/** Providers the desktop app can log in to. */
export const loginProviders = ['claude', 'codex', 'gemini', 'qwen', 'iflow'] as const;
export type LoginProvider = (typeof loginProviders)[number];

/** What starting a login gives the UI: a URL to open, or a device code to show with its page. */
export interface LoginStart {
  state: string;
  provider: LoginProvider;
  url: string;
  /** Device flows (Qwen): the code the user confirms on the page at `url`. */
  userCode: string | null;
  /** Seconds the login stays open. */
  expiresIn: number | null;
}

export type LoginProgress =
  | { status: 'wait' }
  | { status: 'ok'; email: string }
  | { status: 'error'; error: string };

/** One quota window of an account (e.g. Claude's 5-hour window). */
export interface QuotaWindow {
  id: string;
  label: string;
  /** 0-100, or null when the provider reports only a status. */
  usedPercent: number | null;
  /** Epoch ms. */
  resetsAt: number | null;
  status: 'ok' | 'warning' | 'rejected';
}

export interface AccountQuota {
  accountId: string;
  windows: QuotaWindow[];
  /** Epoch ms of the last update; null = never fetched. */
  updatedAt: number | null;
  /** Why the last refresh failed (no secrets). */
  error: string | null;
}
