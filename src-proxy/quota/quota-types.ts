import type { QuotaForecast } from '../../src-shared/control/quota-forecast-types';

export type { QuotaForecast } from '../../src-shared/control/quota-forecast-types';

/** What a window says about the account: usable, close to its limit, or refused until the reset. */
export type QuotaStatus = 'ok' | 'warning' | 'rejected';

/** Where the latest reading came from. */
export type QuotaSource = 'headers' | 'usage-endpoint' | 'error';

/** One limit window of an account (Claude 5h / 7d / per-model weekly, Codex primary / secondary, ...). */
export interface QuotaWindow {
  /** '5h', '7d', '7d-opus', '7d-sonnet', '7d-oi', 'primary', 'secondary', 'limit', ... */
  id: string;
  /** For people: '5-hour', 'Weekly', 'Weekly (Opus)'. */
  label: string;
  /** 0-100 (may exceed 100 when the provider reports an overrun); null when unknown. */
  usedPercent: number | null;
  /** Epoch ms; null when unknown. */
  resetsAt: number | null;
  status: QuotaStatus;
}

/** Codex credits (wham/usage `credits`, `x-codex-credits-*`). */
export interface QuotaCredits {
  hasCredits: boolean | null;
  unlimited: boolean | null;
  /** As the provider sends it (a decimal string). */
  balance: string | null;
}

/** Claude "extra usage" (pay as you go beyond the plan): usage endpoint `extra_usage`, `-overage-status` header. */
export interface QuotaExtraUsage {
  enabled: boolean | null;
  usedPercent: number | null;
  usedCredits: number | null;
  monthlyLimit: number | null;
  status: QuotaStatus | null;
}

/** One reading, before it is stored for an account. */
export interface QuotaReading {
  source: QuotaSource;
  windows: QuotaWindow[];
  plan?: string;
  credits?: QuotaCredits;
  extraUsage?: QuotaExtraUsage;
}

/** The latest reading of an account, as the management route returns it. */
export interface AccountQuota extends QuotaReading {
  /** Epoch ms of the reading. */
  updatedAt: number;
}

/** A failed refresh, safe to show (no token, no upstream body). */
export interface QuotaRefreshError {
  message: string;
  /** Upstream HTTP status when there was one. */
  status: number | null;
  /** Epoch ms. */
  at: number;
}

/** One account in `GET /v0/management/quota`. */
export interface AccountQuotaEntry {
  /** Credential id, e.g. 'auth:claude-a@example.com.json'. */
  id: string;
  provider: string;
  /** Safe label, e.g. 'claude a@example.com'. */
  label: string;
  /** True for OAuth accounts whose provider has a usage endpoint (Claude, Codex, Gemini CLI): it can be asked. */
  refreshable: boolean;
  /** Said plainly when the provider reports no quota at all (Qwen, iFlow); null otherwise. */
  unknown: string | null;
  /** null until a response, an error or a refresh told us something. */
  quota: AccountQuota | null;
  /** Where each window is heading at the recent burn rate (empty without a reading). */
  forecasts: QuotaForecast[];
  /** The last refresh's failure; cleared by the next success. */
  error: QuotaRefreshError | null;
}
