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
  /** The command-line overrides; they win over the file now and after every later change. */
  overrides: Partial<EngineConfig>;
  /** The file's config with the overrides: what the engine serves first. */
  config: EngineConfig;
  warnings: string[];
}

/** Loads (or first creates) config.yaml; throws ConfigLoadError, listing every problem, when it is invalid. */
export async function loadEngineConfig(options: EngineOptions): Promise<EngineSetup> {
  await ensureConfigFile(options.configPath);
  const loaded = await loadConfigFile(options.configPath);
  if (!loaded.ok) throw new ConfigLoadError(formatConfigProblems(loaded.problems, options.configPath));
  const overrides = definedOverrides(options.overrides);
  return { configPath: options.configPath, fileConfig: loaded.config, overrides, config: { ...loaded.config, ...overrides }, warnings: loaded.warnings };
}

function definedOverrides(overrides: EngineOptions['overrides']): Partial<EngineConfig> {
  const result: Partial<EngineConfig> = {};
  if (overrides?.host !== undefined) result.host = overrides.host;
  if (overrides?.port !== undefined) result.port = overrides.port;
  return result;
}
