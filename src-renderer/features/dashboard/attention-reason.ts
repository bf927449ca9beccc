import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { EngineStatus } from '../../../src-shared/engine-status';

/**
 * Why a running proxy still needs the user (the headline's "Needs attention"), or null when it can
 * serve: no account at all, none able to serve right now, or logins that expired.
 */
export function attentionReason(status: EngineStatus | null, accounts: readonly AccountSummary[] | null): string | null {
  if (status?.state !== 'running' || accounts === null) return null;
  if (accounts.length === 0) return 'No account yet: requests have nowhere to go. Add an account.';
  const serving = accounts.filter((account) => account.status === 'active').length;
  const relogin = accounts.filter((account) => account.status === 'needs-relogin').length;
  if (serving === 0) return 'No account can serve right now (cooling down, disabled or needing a new login).';
  if (relogin > 0) return `${relogin === 1 ? 'One account needs' : `${relogin} accounts need`} a new login.`;
  return null;
}
