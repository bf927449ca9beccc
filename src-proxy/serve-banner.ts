import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from './config/engine-config';
import { CONTROL_PANEL_PAGE } from './management/register-control-panel-routes';

export type ControlPanelState = 'served' | 'disabled' | 'not-built';

export interface ServeBannerInput {
  /** e.g. http://127.0.0.1:8317 */
  origin: string;
  /** Set on first run: the config just written and its client key, shown this once. */
  created: { configPath: string; apiKey: string } | null;
  controlPanel: ControlPanelState;
  /** `remote-management.secret-key` (or CPA's MANAGEMENT_PASSWORD) is set: the panel can sign in. */
  managementKeySet: boolean;
}

/** What `cliproxy serve` prints once listening. Holds no secret but the client key of a config it just created. */
export function formatServeBanner(input: ServeBannerInput): string {
  const lines: string[] = [];
  if (input.created !== null) {
    lines.push(`Created ${input.created.configPath}`, `Base URL: ${input.origin}/v1`, `API key:  ${input.created.apiKey}`, '(the key is shown once; it is stored in the config file)');
  }
  lines.push(`listening on ${input.origin}`);
  lines.push(controlPanelLine(input));
  // Also when the panel is not built yet: it will be, and it signs in with this key.
  if (input.controlPanel !== 'disabled' && !input.managementKeySet) {
    lines.push('  no management key yet: set one to sign in with `cliproxy set-management-key` (in a clone: `npx cliproxy set-management-key`)');
  }
  return `${lines.join('\n')}\n`;
}

function controlPanelLine(input: ServeBannerInput): string {
  switch (input.controlPanel) {
    case 'served':
      return `Control panel: ${input.origin}${CONTROL_PANEL_PAGE}`;
    case 'disabled':
      return 'Control panel: off (remote-management.disable-control-panel)';
    case 'not-built':
      return 'Control panel: not built (`npm run build`, or start with `npm run serve`, which builds it)';
    default: {
      const unknownState: never = input.controlPanel;
      return unknownState;
    }
  }
}

/** Whether the engine serves the panel: built into `controlPanelDir` and not switched off in the config. */
export function controlPanelState(controlPanelDir: string, config: EngineConfig): ControlPanelState {
  if (config.remoteManagement.disableControlPanel) return 'disabled';
  return existsSync(join(controlPanelDir, 'index.html')) ? 'served' : 'not-built';
}
