import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import type { EngineOptions } from '../../engine-types';
import { createLogger } from '../../logging/create-logger';
import { logsDirBeside } from '../../logging/logs-folder';
import { MainLogOutput, type MainLogSettings } from '../../logging/main-log-output';
import type { EngineSetup } from './load-engine-config';

export interface EngineLog {
  /** Where the application log goes; switched live by config changes, closed with the engine. */
  mainLog: MainLogOutput;
  logger: Logger;
}

/** The application log: stdout, or logs/main.log beside config.yaml (rotated, trimmed), switchable live. */
export function openEngineLog(options: EngineOptions, setup: EngineSetup): EngineLog {
  const mainLog = new MainLogOutput({
    logsDir: logsDirBeside(dirname(resolve(setup.configPath))),
    console: options.logDestination ?? process.stdout,
    settings: mainLogSettings(setup.config),
  });
  const logger = createLogger({ debug: setup.config.debug, destination: mainLog });
  for (const warning of setup.warnings) logger.warn({ config: setup.configPath }, warning);
  return { mainLog, logger };
}

export function mainLogSettings(config: EngineConfig): MainLogSettings {
  return { toFile: config.loggingToFile, maxTotalSizeMb: config.logsMaxTotalSizeMb };
}
