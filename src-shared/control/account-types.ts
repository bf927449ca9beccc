/** One upstream account as the UI lists it: an OAuth login (auth file) or a config API-key entry. Never holds a token or key. */
export interface AccountSummary {
  /** Credential id: the auth file name, or the config entry's id. */
  id: string;
  /** Provider id, as the engine's provider declares it (stable: usage groups and filters key on it; `providerLabel` is what to show). */
  provider: string;
  /** What a user calls the provider ('Gemini', 'Claude API key'): the provider's own declaration. */
  providerLabel: string;
  /** The login (a `logins.list` name) that renews this account; null for API keys and providers without one. */
  renewWith: LoginProvider | null;
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
  /**
   * An active login's early warning, its sentence in `statusMessage`: renewals failing while the token still
   * works, or an end nothing renews within 3 days. Absent when there is none.
   */
  loginWarning?: LoginWarningKind;
}

export type LoginWarningKind = 'renewal-failing' | 'expires-soon';

export type AccountStatus = 'active' | 'cooling' | 'needs-relogin' | 'disabled' | 'error';

/** A login's name in the control contract: one of the `provider`s that `logins.list` gives. */
export type LoginProvider = string;

/**
 * One login the engine offers (`logins.list`, in the engine's order): what the UI's "Login with" buttons,
 * the tray's Login menu and the login notifications show. Each provider declares it in its own folder.
 */
export interface LoginOffer {
  /** The name `login.start` takes. */
  provider: LoginProvider;
  /** What the user reads: 'Claude', 'Gemini'. */
  label: string;
  /** 'browser': the provider's page redirects back to this app; 'device-code': the user confirms a code on the page. */
  flow: 'browser' | 'device-code';
}

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
