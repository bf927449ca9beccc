/** One finished request as the live strip and the request log show it (no bodies, no secrets). */
export interface RequestSummary {
  id: string;
  /** Epoch ms when it arrived. */
  at: number;
  route: string;
  clientProtocol: string | null;
  clientKey: string | null;
  provider: string | null;
  account: string | null;
  model: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  latencyMs: number;
  ttfbMs: number | null;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  error: string | null;
}

export type UsageGroupBy = 'none' | 'model' | 'account' | 'clientKey' | 'provider';
/** A team's groups: the engine's, plus the engine (instance) that served the request. */
export type TeamUsageGroupBy = UsageGroupBy | 'instance';
/** `engine`: this engine's own history; `team`: every engine's, on a team server (docs/team-server.md#usage). */
export type UsageScope = 'engine' | 'team';
export type UsageBucket = 'hour' | 'day';

/** A range of epoch ms, from inclusive, to exclusive. */
export interface UsageRange {
  from: number;
  to: number;
}

export interface UsageTotals {
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  avgLatencyMs: number | null;
}

/** One bar of a stacked time series: bucket start `t` (epoch ms) and its group. */
export interface UsagePoint extends UsageTotals {
  t: number;
  /** The group's value (model, account id, client key label, provider); '' = unknown or ungrouped. */
  key: string;
  /** What to show for the group: the account's label for accounts, else the key. */
  label: string;
}

/** One row of the sortable usage table. */
export interface UsageRow extends UsageTotals {
  key: string;
  label: string;
}
