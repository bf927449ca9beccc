import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ConfigFile } from '../../config/config-file';
import { ClientConnections } from '../../connect/client-connections';
import type { TunnelService } from '../../tunnel/tunnel-service';
import { connectionInfo } from '../control/connection-info';
import type { RecentRequests } from '../control/recent-requests';
import { createEngineControl, type EngineControl } from '../engine-control';
import type { EngineManagement } from './build-management-context';
import type { EngineListener } from './engine-listener';
import type { LiveRuntime } from './live-runtime';
import type { StatusBoard } from './status-board';

export interface ControlParts {
  listener: EngineListener;
  status: StatusBoard;
  runtime: LiveRuntime;
  management: EngineManagement;
  recentRequests: RecentRequests;
  tunnel: TunnelService;
  configFile: ConfigFile;
  /** EngineOptions.homeDir: where Connect edits client tool settings (tests pass a temp folder). */
  homeDir: string | undefined;
}

/** The control contract over the engine's live parts (IPC and HTTP transports both call it). */
export function buildEngineControl(parts: ControlParts): EngineControl {
  const { listener, status } = parts;
  return createEngineControl({
    start: () => listener.start(),
    stop: () => listener.stop(),
    status: () => status.current(),
    onStatusChange: (onChange) => status.onChange(onChange),
    management: parts.management,
    recentRequests: parts.recentRequests,
    tunnel: parts.tunnel,
    clients: buildClientConnections(parts),
  });
}

/** Connect writes this engine's address and first client key into the tools' settings. */
function buildClientConnections(parts: ControlParts): ClientConnections {
  const { runtime, homeDir } = parts;
  return new ClientConnections({
    home: homeDir ?? homedir(),
    env: homeDir === undefined ? process.env : {},
    ledgerPath: join(dirname(parts.configFile.path), 'client-connections.json'),
    target: () => {
      const origin = connectionInfo(parts.status.current(), runtime.config.apiKeys, runtime.config.tls.enable).anthropicBaseUrl;
      // Without client keys the engine accepts any key; tools still want one.
      return { origin, apiKey: runtime.config.apiKeys[0] ?? 'sk-no-key-required' };
    },
    now: Date.now,
  });
}
