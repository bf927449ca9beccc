import type { Engine, EngineOptions } from '../engine-types';
import { hashPlaintextSecret } from '../management/management-secret';
import { RecentRequests } from './control/recent-requests';
import type { EngineControl } from './engine-control';
import { applyEngineConfig } from './steps/apply-engine-config';
import { assembleEngine } from './steps/assemble-engine';
import { buildEngineControl } from './steps/build-engine-control';
import { buildManagementContext } from './steps/build-management-context';
import { buildServerDeps } from './steps/build-server-deps';
import { buildDoctor } from './steps/build-doctor';
import { buildUpstreamAccess } from './steps/build-upstream-access';
import { EngineListener } from './steps/engine-listener';
import { followAccountChanges } from './steps/follow-account-changes';
import { LateLink } from './steps/late-link';
import { LiveRuntime } from './steps/live-runtime';
import { loadEngineConfig } from './steps/load-engine-config';
import { openAccounts } from './steps/open-accounts';
import { openConfigFile, type ApplyEngineConfig } from './steps/open-config-file';
import { openEngineLog } from './steps/open-engine-log';
import { openTeamStore } from './steps/open-team-store';
import { openTunnel } from './steps/open-tunnel';
import { shareConfig, type ConfigPublisher } from './steps/share-config';
import { openUsageHistoryFor, usagePathFor } from './steps/open-usage-history';
import { StatusBoard } from './steps/status-board';

export { ConfigLoadError } from './steps/load-engine-config';

/**
 * Loads (or first creates) the config and returns an engine that can start and stop its server any
 * number of times. Throws ConfigLoadError, listing every problem, when the config is invalid.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const setup = await loadEngineConfig(options);
  const log = openEngineLog(options, setup);
  const { logger } = log;
  const teamStore = await openTeamStore(setup.config, logger, setup.configPath);
  const { accounts, logins } = await openAccounts(setup.config, logger, options, teamStore);
  const runtime = new LiveRuntime(setup.config, accounts);
  await teamStore?.shareCooldowns(runtime.health);
  const status = new StatusBoard(runtime, teamStore !== undefined);
  // Built last, called by parts built before them (steps/late-link.ts says why).
  const late = { apply: new LateLink<ApplyEngineConfig>('config applier'), control: new LateLink<EngineControl>('control contract') };
  const configFile = await openConfigFile({ setup, logger, ...late });
  const usage = openUsageHistoryFor({ usagePath: options.usagePath, configPath: configFile.path, sqliteNativeBinding: options.sqliteNativeBinding }, setup.config, logger);
  if (teamStore && usage) teamStore.shipUsage(usage);
  const upstream = buildUpstreamAccess(runtime, usage);
  await teamStore?.shareQuotaReadings(upstream.quota);
  const doctor = buildDoctor({ configFile, accounts, status, usagePath: usagePathFor({ usagePath: options.usagePath, configPath: configFile.path }), oauthEndpoints: options.oauthEndpoints, sqliteNativeBinding: options.sqliteNativeBinding, hellos: upstream.hellos });
  const recentRequests = new RecentRequests();
  const deps = buildServerDeps({ ...upstream, runtime, status, logger, usage, recentRequests, control: late.control, teamStore });
  const management = buildManagementContext({ deps, runtime, configFile, accounts, logins, usage, teamUsage: teamStore?.teamUsage(), quota: upstream.quota, doctor });
  const tunnel = openTunnel(deps, runtime, configFile, options.tunnel);
  const listener = new EngineListener({ runtime, status, accounts, configFile, tunnel, deps, management, control: late.control, allowOpen: options.allowOpen === true, controlPanelDir: options.controlPanelDir });
  const control = buildEngineControl({ listener, status, runtime, management, recentRequests, tunnel, configFile, homeDir: options.homeDir });
  late.control.set(control);
  let publishConfig: ConfigPublisher | undefined;
  late.apply.set((config) => {
    const outcome = applyEngineConfig({ runtime, status, listener, log, usage, configFile, initialConfig: setup.config, control }, config);
    publishConfig?.();
    return outcome;
  });
  followAccountChanges({ accounts, runtime, status, control });
  if (teamStore) publishConfig = await shareConfig(teamStore, configFile, logger);
  const engine = assembleEngine({ listener, status, control, logins, tunnel, configFile, accounts, usage, log, teamStore });
  // docs/config.md#loading-and-normalisation: a plaintext management secret is stored as its bcrypt hash (here: applying the edit needs the engine).
  await hashPlaintextSecret(configFile, logger);
  return engine;
}
