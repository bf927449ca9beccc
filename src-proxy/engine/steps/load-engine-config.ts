import { ensureConfigFile } from '../../config/create-default-config';
import type { EngineConfig } from '../../config/engine-config';
import { formatConfigProblems, loadConfigFile } from '../../config/load-config';
import type { EngineOptions } from '../../engine-types';

export class ConfigLoadError extends Error {}

/** config.yaml as the engine starts with it. */
export interface EngineSetup {
  configPath: string;
  /** The file's config, without the command-line overrides (what ConfigFile starts from). */
  fileConfig: EngineConfig;
  /** Puts the command-line and environment overrides on a config from the file; they win over it now and after every later change. */
  applyOverrides(config: EngineConfig): EngineConfig;
  /** The file's config with the overrides: what the engine serves first. */
  config: EngineConfig;
  warnings: string[];
}

/** Loads (or first creates) config.yaml; throws ConfigLoadError, listing every problem, when it is invalid. */
export async function loadEngineConfig(options: EngineOptions): Promise<EngineSetup> {
  await ensureConfigFile(options.configPath);
  const loaded = await loadConfigFile(options.configPath);
  if (!loaded.ok) throw new ConfigLoadError(formatConfigProblems(loaded.problems, options.configPath));
  const applyOverrides = overridesApplier(options.overrides ?? {});
  return { configPath: options.configPath, fileConfig: loaded.config, applyOverrides, config: applyOverrides(loaded.config), warnings: loaded.warnings };
}

/** Only the overrides given replace the file's values; the management key replaces the secret in memory, never in the file. */
export function overridesApplier(overrides: NonNullable<EngineOptions['overrides']>): (config: EngineConfig) => EngineConfig {
  const { host, port, authDir, managementKey } = overrides;
  return (config) => ({
    ...config,
    ...(host !== undefined ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(authDir !== undefined ? { authDir } : {}),
    ...(managementKey !== undefined ? { remoteManagement: { ...config.remoteManagement, secretKey: managementKey } } : {}),
  });
}
