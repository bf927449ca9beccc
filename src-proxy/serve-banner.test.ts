import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from './config/load-config';
import { controlPanelState, formatServeBanner, type ServeBannerInput } from './serve-banner';

const base: ServeBannerInput = { origin: 'http://127.0.0.1:8317', created: null, controlPanel: 'served', managementKeySet: true };

describe('cliproxy serve: the start banner', () => {
  it("names the panel's URL; with a key set, nothing more", () => {
    expect(formatServeBanner(base)).toBe('listening on http://127.0.0.1:8317\nControl panel: http://127.0.0.1:8317/management.html\n');
  });

  it('without a management key, says how to set one (the panel cannot sign in without it)', () => {
    const banner = formatServeBanner({ ...base, managementKeySet: false });
    expect(banner).toContain('Control panel: http://127.0.0.1:8317/management.html\n');
    expect(banner).toMatch(/no management key yet: .*`cliproxy set-management-key`/);
  });

  it('on first run, the created file, base URL and client key come first, once', () => {
    const banner = formatServeBanner({ ...base, created: { configPath: '/home/you/.cli-proxy-api/config.yaml', apiKey: 'sk-cliproxy-abc' } });
    expect(banner.split('\n').slice(0, 5)).toEqual([
      'Created /home/you/.cli-proxy-api/config.yaml',
      'Base URL: http://127.0.0.1:8317/v1',
      'API key:  sk-cliproxy-abc',
      '(the key is shown once; it is stored in the config file)',
      'listening on http://127.0.0.1:8317',
    ]);
  });

  it('a panel that is switched off says so, and no key hint', () => {
    expect(formatServeBanner({ ...base, controlPanel: 'disabled', managementKeySet: false })).toBe(
      'listening on http://127.0.0.1:8317\nControl panel: off (remote-management.disable-control-panel)\n',
    );
  });

  it('a panel not built yet says how to build it, and still how to set the key it will sign in with', () => {
    const banner = formatServeBanner({ ...base, controlPanel: 'not-built', managementKeySet: false });
    expect(banner).toMatch(/Control panel: not built \(`npm run build`/);
    expect(banner).toMatch(/no management key yet: .*`cliproxy set-management-key`/);
    expect(formatServeBanner({ ...base, controlPanel: 'not-built', managementKeySet: true })).not.toContain('set-management-key');
  });
});

describe('controlPanelState', () => {
  const configWith = (yaml: string) => {
    const loaded = parseConfigText(yaml, { configDir: tmpdir() });
    if (!loaded.ok) throw new Error('test config invalid');
    return loaded.config;
  };

  it('served when index.html is built, not-built otherwise, disabled by remote-management.disable-control-panel', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-banner-'));
    try {
      expect(controlPanelState(folder, configWith('port: 8317\n'))).toBe('not-built');
      await writeFile(join(folder, 'index.html'), '<!doctype html>');
      expect(controlPanelState(folder, configWith('port: 8317\n'))).toBe('served');
      expect(controlPanelState(folder, configWith('remote-management:\n  disable-control-panel: true\n'))).toBe('disabled');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
