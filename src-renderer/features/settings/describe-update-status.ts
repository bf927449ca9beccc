import type { UpdateState } from '../../../src-shared/control/update-types';

/** The Settings page's one line about updates: what happens now, or why updates cannot work here. */
export function describeUpdateStatus(update: UpdateState, formatTime: (at: number) => string): string {
  const { status } = update;
  switch (status.state) {
    case 'unsupported':
      return status.reason;
    case 'idle':
      return update.automatic ? `Version ${update.currentVersion}. The first check runs shortly after launch.` : `Version ${update.currentVersion}. Automatic checks are off.`;
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Version ${update.currentVersion} is the latest (checked ${formatTime(status.checkedAt)}).`;
    case 'downloading':
      return `Downloading version ${status.version} in the background… ${status.percent}%`;
    case 'ready':
      return `Version ${status.version} is downloaded and installs when you quit the app (or now, from the tray: Restart to update).`;
    case 'error':
      return `${status.message} (${formatTime(status.at)}). The app keeps working; try again later.`;
    default: {
      const unreachable: never = status;
      return String(unreachable);
    }
  }
}
