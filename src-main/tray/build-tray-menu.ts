import type { EngineStatus } from '../../src-shared/engine-status';

/** What a tray item does; setup-tray.ts maps each id to a callback. */
export type TrayAction = 'toggle-proxy' | 'copy-url' | 'open-dashboard' | 'quit';

export type TrayMenuItem =
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'separator' };

export interface TrayState {
  status: EngineStatus;
}

const MAX_ERROR_LENGTH = 60;

/** Pure: the tray menu as plain data. The first line repeats the state in words (UI.md, Tray). */
export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const { status } = state;
  const running = status.state === 'running';
  return [
    { type: 'normal', label: describeStatus(status), enabled: false, action: null },
    { type: 'separator' },
    toggleItem(status),
    { type: 'normal', label: 'Copy URL', enabled: running && status.baseUrl !== null, action: 'copy-url' },
    { type: 'separator' },
    { type: 'normal', label: 'Open dashboard', enabled: true, action: 'open-dashboard' },
    { type: 'separator' },
    { type: 'normal', label: 'Quit', enabled: true, action: 'quit' },
  ];
}

export function describeStatus(status: EngineStatus): string {
  switch (status.state) {
    case 'running':
      return `Running on ${status.host}:${status.port}`;
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'error':
      return `Error: ${truncate(status.error ?? 'unknown problem', MAX_ERROR_LENGTH)}`;
    default: {
      const unreachable: never = status.state;
      return String(unreachable);
    }
  }
}

/** Stop while running or starting (disabled until started), Start otherwise (disabled while stopping). */
function toggleItem(status: EngineStatus): TrayMenuItem {
  if (status.state === 'running' || status.state === 'starting') {
    return { type: 'normal', label: 'Stop proxy', enabled: status.state === 'running', action: 'toggle-proxy' };
  }
  return { type: 'normal', label: 'Start proxy', enabled: status.state !== 'stopping', action: 'toggle-proxy' };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
