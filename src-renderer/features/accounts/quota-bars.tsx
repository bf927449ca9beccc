import type { AccountQuota } from '../../../src-shared/control/account-types';
import { RelativeTime } from '../../ui/relative-time';

/** One bar per quota window (e.g. Claude's 5-hour and weekly windows) with when it resets. */
export function QuotaBars({ quota }: { quota: AccountQuota }) {
  return (
    <div className="quota">
      {quota.windows.map((window) => (
        <div key={window.id} className={`quota-window quota-${window.status}`}>
          <span className="quota-label">{window.label}</span>
          {window.usedPercent === null ? (
            <span className="quota-state">{window.status === 'ok' ? 'Available' : window.status === 'warning' ? 'Nearly used up' : 'Used up'}</span>
          ) : (
            <progress max={100} value={window.usedPercent} aria-label={`${window.label}: ${Math.round(window.usedPercent)}% used`} />
          )}
          <span className="quota-reset">
            {window.usedPercent !== null && `${Math.round(window.usedPercent)}% used`}
            {window.resetsAt !== null && (
              <>
                {' · resets '}
                <RelativeTime at={window.resetsAt} />
              </>
            )}
          </span>
        </div>
      ))}
      {quota.error !== null && <p className="hint">Quota could not be refreshed: {quota.error}</p>}
    </div>
  );
}
