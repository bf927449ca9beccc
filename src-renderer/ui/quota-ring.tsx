import type { AccountQuota, QuotaWindow } from '../../src-shared/control/account-types';
import { MeterRing } from './meter-ring';
import type { StatusTone } from './status-tone';

const toneOfWindow: Record<QuotaWindow['status'], StatusTone> = { ok: 'ok', warning: 'busy', rejected: 'error' };

/** The window closest to running out: the one to show when there is room for one ring. */
export function tightestWindow(quota: AccountQuota | undefined): QuotaWindow | null {
  const windows = quota?.windows ?? [];
  const rank = (window: QuotaWindow): number => (window.status === 'rejected' ? 200 : 0) + (window.usedPercent ?? (window.status === 'warning' ? 90 : 0));
  return windows.reduce<QuotaWindow | null>((tightest, window) => (tightest === null || rank(window) > rank(tightest) ? window : tightest), null);
}

/** One ring for an account's tightest quota window; "quota unknown" when the provider reported none. */
export function QuotaRing({ quota, size }: { quota: AccountQuota | undefined; size?: number }) {
  const window = tightestWindow(quota);
  if (window === null) return <MeterRing percent={null} tone="neutral" label="Quota not reported" size={size} />;
  const used = window.usedPercent === null ? window.status : `${Math.round(window.usedPercent)}% used`;
  return <MeterRing percent={window.usedPercent} tone={toneOfWindow[window.status]} label={`${window.label}: ${used}`} size={size} />;
}
