import type { ApplyOutcome, ConfigFile } from '../../config/config-file';
import type { EngineConfig } from '../../config/engine-config';
import { hashPlaintextSecret, isBcryptHash } from '../../management/management-secret';
import type { UsageStore } from '../../usage/usage-store';
import type { EngineControl } from '../engine-control';
import type { EngineListener } from './engine-listener';
import { mainLogSettings, type EngineLog } from './open-engine-log';
import type { LiveRuntime } from './live-runtime';
import type { StatusBoard } from './status-board';

export interface ConfigApplyParts {
  runtime: LiveRuntime;
  status: StatusBoard;
  listener: EngineListener;
  log: EngineLog;
  usage: UsageStore | undefined;
  configFile: ConfigFile;
  /** The config the engine was created with: keys read only then apply after an app restart. */
  initialConfig: EngineConfig;
  control: EngineControl;
}

/** An accepted config change, live: runtime, log level and output, usage history, and the listener if it must move. */
export function applyEngineConfig(parts: ConfigApplyParts, requested: EngineConfig): ApplyOutcome {
  const { runtime, listener, control } = parts;
  const { logger } = parts.log;
  const listenerRestart = listener.mustRestartFor(requested);
  // While the listener stays, the status keeps showing the port it actually got (port 0 = any).
  const next = listener.isOpen() && !listenerRestart ? { ...requested, port: runtime.config.port } : requested;
  runtime.rebuild(next);
  logger.level = next.debug ? 'debug' : 'info';
  parts.usage?.setEnabled(next.usageStatisticsEnabled);
  parts.log.mainLog.apply(mainLogSettings(next));
  // A plaintext secret saved through the editor or on disk is stored as its hash, as at start (queued after this change).
  if (next.remoteManagement.secretKey !== '' && !isBcryptHash(next.remoteManagement.secretKey)) void hashPlaintextSecret(parts.configFile, logger);
  const restartRequired = appRestartKeys(parts.initialConfig, next);
  if (listenerRestart) {
    // After the reply that caused it is out: stop() drains in-flight requests, including that one.
    setTimeout(() => void listener.restart(), 0);
  } else {
    parts.status.refreshIfRunning();
  }
  logger.info({ restartRequired }, 'config applied');
  control.emit('config.changed', { applied: true, problems: [] });
  control.emit('accounts.changed', control.accounts());
  return { restartRequired, listenerRestart };
}

/** Keys read once at engine creation: a change is saved but applies after the app restarts. */
function appRestartKeys(initial: EngineConfig, after: EngineConfig): string[] {
  const changed: string[] = [];
  if (initial.authDir !== after.authDir) changed.push('auth-dir');
  if (JSON.stringify(initial.store) !== JSON.stringify(after.store)) changed.push('store');
  return changed;
}
