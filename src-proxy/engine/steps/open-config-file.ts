import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { ConfigFile, type ApplyOutcome } from '../../config/config-file';
import type { EngineConfig } from '../../config/engine-config';
import { formatConfigProblems } from '../../config/load-config';
import { toProblemView } from '../control/config-operations';
import type { EngineControl } from '../engine-control';
import type { LateLink } from './late-link';
import type { EngineSetup } from './load-engine-config';

/** Applies an accepted config (the command-line overrides already on it) to the running engine. */
export type ApplyEngineConfig = (config: EngineConfig) => ApplyOutcome;

export interface ConfigFileParts {
  setup: EngineSetup;
  logger: Logger;
  apply: LateLink<ApplyEngineConfig>;
  control: LateLink<EngineControl>;
}

/**
 * The config as served: later edits (management routes, the desktop editor, the file on disk) go
 * through the ConfigFile, which validates, writes and then applies them.
 */
export async function openConfigFile(parts: ConfigFileParts): Promise<ConfigFile> {
  const { setup, logger } = parts;
  return new ConfigFile({
    path: setup.configPath,
    initial: { config: setup.fileConfig, text: await readFile(setup.configPath, 'utf8') },
    apply: (next) => parts.apply.get()(setup.applyOverrides(next)),
    onRejected: (problems) => {
      logger.error({ config: setup.configPath }, `config change rejected, the previous config keeps serving:\n${formatConfigProblems(problems, setup.configPath)}`);
      parts.control.get().emit('config.changed', { applied: false, problems: problems.map(toProblemView) });
    },
    onWarning: (message) => logger.warn({ config: setup.configPath }, message),
  });
}
