import { useEffect } from 'react';
import type { AccountSummary } from '../../src-shared/control/account-types';
import type { ControlClient } from './control-client';
import { useControlEvent } from './use-control-event';
import { useControlQuery, type ControlQuery } from './use-control-query';
import { useThrottled } from './use-throttled';

/** Failed requests may cool accounts down; the list is re-read at most this often while they stream in. */
const RELOAD_AFTER_FAILURE_MS = 1000;

/**
 * accounts.list, kept current: accounts.changed (logins, enable/disable, files on disk), a failed request
 * (it may have put an account in cooldown), and the moment the earliest cooldown ends.
 */
export function useAccounts(client: ControlClient): ControlQuery<AccountSummary[]> {
  const query = useControlQuery(client, 'accounts.list', {});
  const { reload } = query;
  const reloadSoon = useThrottled(reload, RELOAD_AFTER_FAILURE_MS);
  useControlEvent(client, 'accounts.changed', query.setValue);
  useControlEvent(client, 'request.finished', (request) => {
    if (request.status >= 400) reloadSoon();
  });
  const nextCooldownEnd = Math.min(...(query.value ?? []).map((account) => account.coolingUntil ?? Infinity));
  useEffect(() => {
    if (!Number.isFinite(nextCooldownEnd)) return undefined;
    const timer = setTimeout(reload, Math.max(0, nextCooldownEnd - Date.now()) + 500);
    return () => clearTimeout(timer);
  }, [nextCooldownEnd, reload]);
  return query;
}
