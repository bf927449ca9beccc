import type { AccountSummary } from '../../src-shared/control/account-types';
import { formatClock } from './format';
import type { StatusTone } from './status-tone';

export interface AccountStatusWords {
  label: string;
  tone: StatusTone;
  /** The engine's longer sentence, for hover and the account card. */
  detail: string | null;
}

/** active / cooling down until 14:32 / needs re-login / disabled / error, as a chip says it. */
export function describeAccountStatus(account: AccountSummary): AccountStatusWords {
  const detail = account.statusMessage;
  switch (account.status) {
    case 'active':
      return { label: 'Active', tone: 'ok', detail };
    case 'cooling':
      return {
        label: account.coolingUntil === null ? 'Cooling down' : `Cooling until ${formatClock(account.coolingUntil)}`,
        tone: 'busy',
        detail,
      };
    case 'needs-relogin':
      return { label: 'Needs re-login', tone: 'error', detail };
    case 'disabled':
      return { label: 'Disabled', tone: 'neutral', detail };
    case 'error':
      return { label: 'Error', tone: 'error', detail };
    default: {
      const unknown: never = account.status;
      return { label: String(unknown), tone: 'neutral', detail };
    }
  }
}
