import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteSystemdWord, renderSystemdUnit, SYSTEMD_UNIT_NAME, type ServiceLaunch } from './render-systemd-unit';

const cliPath = join(import.meta.dirname, '..', '..', 'bin', 'cliproxy.js');
const launch: ServiceLaunch = { nodePath: process.execPath, cliPath, configPath: '/srv/my proxy/50%/config.yaml', environment: { CLIPROXY_AUTH_DIR: '/srv/auth$dir' } };

const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!hasSystemdAnalyze) console.log('skipped: systemd-analyze verify of the generated unit (systemd-analyze is not installed here)');

describe('renderSystemdUnit', () => {
  const unit = renderSystemdUnit(launch);

  it('runs the absolute node and cliproxy paths with serve and the config, restarts on failure, logs to the journal, starts with the user session', () => {
    expect(unit).toContain(`ExecStart="${process.execPath}" "${cliPath}" "serve" "--config" "/srv/my proxy/50%%/config.yaml"\n`);
    for (const line of ['Restart=on-failure', 'StandardOutput=journal', 'StandardError=journal', 'KillSignal=SIGTERM', 'TimeoutStopSec=15', 'WantedBy=default.target']) expect(unit).toContain(`${line}\n`);
    expect(unit).toContain('Environment="CLIPROXY_AUTH_DIR=/srv/auth$dir"\n');
  });

  it('quotes words for systemd: backslash and double quote escaped, % doubled, $ doubled only in a command line', () => {
    expect(quoteSystemdWord('a "b" c\\d', 'command')).toBe('"a \\"b\\" c\\\\d"');
    expect(quoteSystemdWord('100% $HOME', 'command')).toBe('"100%% $$HOME"');
    expect(quoteSystemdWord('100% $HOME', 'environment')).toBe('"100%% $HOME"');
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify without a warning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cliproxy-unit-'));
    try {
      const path = join(folder, SYSTEMD_UNIT_NAME);
      writeFileSync(path, unit);
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // The check can fail: a broken setting in the same file is reported.
      writeFileSync(path, unit.replace('Restart=on-failure', 'Restart=sometimes'));
      expect(spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8' }).stderr).toMatch(/restart specifier/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

