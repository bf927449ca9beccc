import type { EngineControl } from '../engine-control';
import type { OAuthAccounts } from '../oauth-accounts';
import type { LiveRuntime } from './live-runtime';
import type { StatusBoard } from './status-board';

export interface AccountChangeParts {
  accounts: OAuthAccounts;
  runtime: LiveRuntime;
  status: StatusBoard;
  control: EngineControl;
}

/** auth-dir edits (a login, a deleted or disabled file) apply live; cooldowns of removed accounts go. */
export function followAccountChanges(parts: AccountChangeParts): void {
  const { runtime, control } = parts;
  parts.accounts.store.onChange(() => {
    runtime.rebuild(runtime.config);
    parts.status.refreshIfRunning();
    control.emit('accounts.changed', control.accounts());
  });
  // Renewals failing (or recovering) change an account's warning, not its file.
  parts.accounts.refresher.onRenewalTrouble(() => control.emit('accounts.changed', control.accounts()));
}
