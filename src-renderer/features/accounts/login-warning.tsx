import type { AccountSummary } from '../../../src-shared/control/account-types';
import './quota-forecast.css';

/**
 * An active login's early warning (renewals failing while the token still works, or an end nothing renews:
 * the engine puts it in `statusMessage`), with the Re-login action. Nothing for other accounts.
 */
export function LoginWarning({ account, name, onRelogin }: { account: AccountSummary; name: string; onRelogin: (() => void) | null }) {
  if (account.status !== 'active' || account.kind !== 'oauth' || account.statusMessage === null) return null;
  return (
    <div className="message message-warning login-warning" role="status">
      <span>{account.statusMessage}</span>
      {onRelogin !== null && (
        <button type="button" className="button" onClick={onRelogin} aria-label={`Log in again as ${name}`}>
          Log in again
        </button>
      )}
    </div>
  );
}
