import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ensureConfigFile } from '../config/create-default-config';
import { ENVIRONMENT_VARIABLES, type EnvironmentSettings } from '../config/environment-settings';
import { commandOnPath, runServiceCommand, runSystemCommand, serviceActions, type ServiceAction } from './service-command';

/**
 * `cliproxy service <action>` for this process: the service runs this Node binary and this `cliproxy`
 * entry with the config path given now, and keeps the environment's paths (never a key: a unit file or
 * plist is readable, so CLIPROXY_MANAGEMENT_KEY is not copied; CLIPROXY_MANAGEMENT_KEY_FILE is).
 */
export async function runServiceCli(action: string | undefined, configPath: string, settings: EnvironmentSettings, write: (text: string) => void): Promise<number> {
  if (!(serviceActions as readonly string[]).includes(action ?? '')) {
    write(`Usage: cliproxy service ${serviceActions.join('|')} [--config PATH]\n`);
    return 2;
  }
  const environment: Record<string, string> = {};
  if (settings.authDir !== undefined) environment[ENVIRONMENT_VARIABLES.authDir] = settings.authDir;
  const keyFile = process.env[ENVIRONMENT_VARIABLES.managementKeyFile]?.trim();
  if (keyFile) environment[ENVIRONMENT_VARIABLES.managementKeyFile] = resolve(keyFile);
  if (action === 'install') {
    if (process.env[ENVIRONMENT_VARIABLES.managementKey]?.trim()) {
      write(`${ENVIRONMENT_VARIABLES.managementKey} is not copied into the service (its file is readable); put the key in a file and set ${ENVIRONMENT_VARIABLES.managementKeyFile}.\n`);
    }
    // Created now, not by the service, so its client key is shown here rather than in a log.
    const created = await ensureConfigFile(configPath);
    if (created.created) write(`Created ${resolve(configPath)}\nAPI key:  ${created.apiKey}\n(the key is shown once; it is stored in the config file)\n`);
  }
  return runServiceCommand(action as ServiceAction, {
    platform: process.platform,
    homeDir: homedir(),
    uid: process.getuid?.() ?? 0,
    launch: { nodePath: process.execPath, cliPath: resolve(process.argv[1] ?? 'cliproxy'), configPath: resolve(configPath), environment },
    run: runSystemCommand,
    hasCommand: (name) => commandOnPath(name, process.env.PATH, (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true),
    write,
  });
}
