import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expandHome } from './expand-home';

/**
 * Settings a container or service passes through the environment, so the YAML can stay generic and
 * secrets need not live in it (docs/config.md#environment-variables). Precedence: a command-line flag,
 * then these, then config.yaml, then the default.
 */
export interface EnvironmentSettings {
  /** CLIPROXY_CONFIG: path of config.yaml. */
  configPath?: string;
  /** CLIPROXY_AUTH_DIR: replaces `auth-dir` (absolute; `~` expanded, relative to the working folder). */
  authDir?: string;
  /** CLIPROXY_MANAGEMENT_KEY, or the trimmed contents of the file CLIPROXY_MANAGEMENT_KEY_FILE names. */
  managementKey?: string;
}

export const ENVIRONMENT_VARIABLES = {
  config: 'CLIPROXY_CONFIG',
  authDir: 'CLIPROXY_AUTH_DIR',
  managementKey: 'CLIPROXY_MANAGEMENT_KEY',
  managementKeyFile: 'CLIPROXY_MANAGEMENT_KEY_FILE',
} as const;

export class EnvironmentSettingsError extends Error {}

/** Reads the settings; an empty variable counts as unset. Throws EnvironmentSettingsError with a message for the user. */
export function readEnvironmentSettings(environment: NodeJS.ProcessEnv, readText: (path: string) => string = (path) => readFileSync(path, 'utf8')): EnvironmentSettings {
  const value = (name: string) => (environment[name] ?? '').trim() || undefined;
  const settings: EnvironmentSettings = {};
  const configPath = value(ENVIRONMENT_VARIABLES.config);
  if (configPath !== undefined) settings.configPath = resolve(expandHome(configPath));
  const authDir = value(ENVIRONMENT_VARIABLES.authDir);
  if (authDir !== undefined) settings.authDir = resolve(expandHome(authDir));
  const managementKey = readManagementKey(value(ENVIRONMENT_VARIABLES.managementKey), value(ENVIRONMENT_VARIABLES.managementKeyFile), readText);
  if (managementKey !== undefined) settings.managementKey = managementKey;
  return settings;
}

function readManagementKey(direct: string | undefined, file: string | undefined, readText: (path: string) => string): string | undefined {
  const { managementKey, managementKeyFile } = ENVIRONMENT_VARIABLES;
  if (direct !== undefined && file !== undefined) throw new EnvironmentSettingsError(`Set ${managementKey} or ${managementKeyFile}, not both.`);
  if (file === undefined) return direct;
  let text: string;
  try {
    text = readText(expandHome(file));
  } catch (error) {
    // The error's code only (ENOENT, EACCES): never the file's contents.
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new EnvironmentSettingsError(`${managementKeyFile}: cannot read ${file} (${code}).`);
  }
  const key = text.trim();
  if (key === '') throw new EnvironmentSettingsError(`${managementKeyFile}: ${file} is empty.`);
  return key;
}
