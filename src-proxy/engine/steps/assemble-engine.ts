import type { ConfigFile } from '../../config/config-file';
import type { Engine } from '../../engine-types';
import type { LoginSessions } from '../../logins/login-sessions';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import type { TunnelService } from '../../tunnel/tunnel-service';
import type { UsageStore } from '../../usage/usage-store';
import type { EngineControl } from '../engine-control';
import type { OAuthAccounts } from '../oauth-accounts';
import type { EngineListener } from './engine-listener';
import type { EngineLog } from './open-engine-log';
import type { StatusBoard } from './status-board';

export interface AssembledParts {
  listener: EngineListener;
  status: StatusBoard;
  control: EngineControl;
  logins: LoginSessions;
  tunnel: TunnelService;
  configFile: ConfigFile;
  accounts: OAuthAccounts;
  usage: UsageStore | undefined;
  log: EngineLog;
  teamStore: PostgresStore | undefined;
}

/** The public Engine object over the built parts. */
export function assembleEngine(parts: AssembledParts): Engine {
  const { listener, status, logins, configFile } = parts;
  const engine: Engine = {
    start: () => listener.start(),
    stop: () => listener.stop(),
    status: () => status.current(),
    onStatusChange: (onChange) => status.onChange(onChange),
    control: parts.control,
    logins,
    tunnel: parts.tunnel,
    configFile,
    async reload() {
      await parts.accounts.store.rescanAndNotify();
      return configFile.reloadFromDisk();
    },
    async close() {
      const stopped = await engine.stop();
      logins.close();
      // The team store first: its usage shipper's last attempt reads the local history.
      await parts.teamStore?.close();
      parts.usage?.close();
      await parts.log.mainLog.close();
      return stopped;
    },
  };
  return engine;
}
