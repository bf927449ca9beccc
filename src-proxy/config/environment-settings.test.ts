import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentSettingsError, readEnvironmentSettings } from './environment-settings';

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`no ${path}`), { code: 'ENOENT' });
};

describe('readEnvironmentSettings', () => {
  it('reads nothing from an environment without CLIPROXY_ variables, and treats empty ones as unset', () => {
    expect(readEnvironmentSettings({}, noFiles)).toEqual({});
    expect(readEnvironmentSettings({ CLIPROXY_CONFIG: '', CLIPROXY_AUTH_DIR: ' ', CLIPROXY_MANAGEMENT_KEY: '' }, noFiles)).toEqual({});
  });

  it('makes the config path and auth dir absolute, expanding ~', () => {
    const settings = readEnvironmentSettings({ CLIPROXY_CONFIG: '~/cpa/config.yaml', CLIPROXY_AUTH_DIR: 'auths' }, noFiles);
    expect(settings.configPath).toBe(join(homedir(), 'cpa', 'config.yaml'));
    expect(settings.authDir).toBe(resolve('auths'));
  });

  it('takes the management key from the variable as given, trimmed', () => {
    expect(readEnvironmentSettings({ CLIPROXY_MANAGEMENT_KEY: ' s3cret \n' }, noFiles).managementKey).toBe('s3cret');
  });

  it('takes the management key from the file CLIPROXY_MANAGEMENT_KEY_FILE names, trimmed (a Docker secret ends with a newline)', () => {
    const read = (path: string) => (path === '/run/secrets/cliproxy' ? 'from-file\n' : noFiles(path));
    expect(readEnvironmentSettings({ CLIPROXY_MANAGEMENT_KEY_FILE: '/run/secrets/cliproxy' }, read).managementKey).toBe('from-file');
  });

  it('refuses both key variables at once, a missing key file and an empty one, without echoing a key', () => {
    const both = () => readEnvironmentSettings({ CLIPROXY_MANAGEMENT_KEY: 'k1', CLIPROXY_MANAGEMENT_KEY_FILE: '/k' }, () => 'k2');
    expect(both).toThrow(EnvironmentSettingsError);
    expect(both).toThrow(/not both/);
    expect(() => readEnvironmentSettings({ CLIPROXY_MANAGEMENT_KEY_FILE: '/missing' }, noFiles)).toThrow(/cannot read \/missing \(ENOENT\)/);
    expect(() => readEnvironmentSettings({ CLIPROXY_MANAGEMENT_KEY_FILE: '/k' }, () => ' \n')).toThrow(/is empty/);
  });
});
