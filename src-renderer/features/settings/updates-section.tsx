import type { UpdateState } from '../../../src-shared/control/update-types';
import { describeUpdateStatus } from './describe-update-status';

export interface UpdatesSectionProps {
  /** null while loading or when it could not be read. */
  update: UpdateState | null;
  autoUpdate: boolean;
  busy: boolean;
  onAutoUpdateChange(on: boolean): void;
  onCheck(): void;
  formatTime?(at: number): string;
}

const shortTime = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Automatic updates on or off, what the updater is doing, and a check on demand. */
export function UpdatesSection({ update, autoUpdate, busy, onAutoUpdateChange, onCheck, formatTime = shortTime }: UpdatesSectionProps) {
  const unsupported = update?.status.state === 'unsupported';
  const working = update?.status.state === 'checking' || update?.status.state === 'downloading';
  return (
    <fieldset className="card settings-group">
      <legend>Updates</legend>
      <label className="setting">
        <input type="checkbox" checked={autoUpdate} disabled={busy || unsupported} onChange={(event) => onAutoUpdateChange(event.target.checked)} />
        <span>
          <span className="setting-label">Update automatically</span>
          <span className="setting-hint">Checks at launch and every 6 hours, downloads in the background, installs when you quit.</span>
        </span>
      </label>
      <p className="update-status" role="status">
        {update === null ? 'Reading the update status…' : describeUpdateStatus(update, formatTime)}
      </p>
      <div>
        <button type="button" className="button" disabled={update === null || unsupported || working || update.status.state === 'ready'} onClick={onCheck}>
          Check now
        </button>
      </div>
    </fieldset>
  );
}
