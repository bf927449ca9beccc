import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../config/load-config';
import { overridesApplier } from './load-engine-config';

function fileConfig() {
  const loaded = parseConfigText('host: 0.0.0.0\nport: 9000\nauth-dir: /file/auths\nremote-management:\n  allow-remote: true\n  secret-key: from-file\n', { configDir: '/etc/cliproxy' });
  if (!loaded.ok) throw new Error('fixture config invalid');
  return loaded.config;
}

describe('overridesApplier', () => {
  it('changes nothing without overrides', () => {
    expect(overridesApplier({})(fileConfig())).toEqual(fileConfig());
  });

  it('replaces only the values given, and only the secret of remote-management', () => {
    const config = overridesApplier({ port: 0, authDir: '/env/auths', managementKey: 'from-env' })(fileConfig());
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(0);
    expect(config.authDir).toBe('/env/auths');
    expect(config.remoteManagement).toEqual({ ...fileConfig().remoteManagement, secretKey: 'from-env' });
  });
});
