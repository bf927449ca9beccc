import type { ControlApi } from '../../src-shared/control-contract';
import type { TunnelCommand } from './tray-menu-item';

export interface TunnelCommandDeps {
  control: ControlApi;
  writeClipboard(text: string): void;
  onError(error: unknown): void;
}

/** A "Public URL for Cursor" tray item, through the control contract like every other surface. */
export function runTunnelCommand(command: TunnelCommand, deps: TunnelCommandDeps): void {
  const fail = (error: unknown) => deps.onError(error);
  switch (command) {
    case 'start':
      deps.control.invoke('tunnel.start', {}).catch(fail);
      return;
    case 'stop':
      deps.control.invoke('tunnel.stop', {}).catch(fail);
      return;
    case 'copy-url':
      deps.control.invoke('tunnel.status', {}).then((status) => {
        if (status.openaiBaseUrl !== null) deps.writeClipboard(status.openaiBaseUrl);
      }, fail);
      return;
    case 'copy-key':
      deps.control.invoke('tunnel.revealKey', {}).then(({ key }) => {
        if (key !== null) deps.writeClipboard(key);
      }, fail);
      return;
    default: {
      const unreachable: never = command;
      fail(new Error(`Unknown tunnel command ${String(unreachable)}`));
    }
  }
}
