import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LAUNCHD_LABEL, renderLaunchdPlist } from './render-launchd-plist';

/**
 * plutil -lint is macOS-only: the plist is read back by Python's plistlib instead, an XML (expat) parser
 * that also rejects anything that is not a property list.
 */
const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.log('skipped: reading the generated plist back (python3 is not installed here)');

function readPlist(text: string): unknown {
  const result = spawnSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))'], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`not a property list: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe.skipIf(!hasPython)('renderLaunchdPlist', () => {
  it('is a property list launchd reads as: run node + cliproxy serve --config at login, restart after a failure, log to two files', () => {
    const launch = { nodePath: '/opt/homebrew/bin/node', cliPath: '/opt/homebrew/bin/cliproxy', configPath: '/Users/me/R&D <proxy>/config.yaml', environment: { CLIPROXY_MANAGEMENT_KEY_FILE: '/Users/me/.cliproxy-key' } };
    expect(readPlist(renderLaunchdPlist(launch, '/Users/me/Library/Logs/cli-proxy-api'))).toEqual({
      Label: LAUNCHD_LABEL,
      ProgramArguments: ['/opt/homebrew/bin/node', '/opt/homebrew/bin/cliproxy', 'serve', '--config', '/Users/me/R&D <proxy>/config.yaml'],
      EnvironmentVariables: { CLIPROXY_MANAGEMENT_KEY_FILE: '/Users/me/.cliproxy-key' },
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ExitTimeOut: 15,
      StandardOutPath: '/Users/me/Library/Logs/cli-proxy-api/cli-proxy-api.log',
      StandardErrorPath: '/Users/me/Library/Logs/cli-proxy-api/cli-proxy-api.err.log',
    });
  });

  it('leaves EnvironmentVariables out when there are none', () => {
    expect(readPlist(renderLaunchdPlist({ nodePath: '/n', cliPath: '/c', configPath: '/c.yaml', environment: {} }, '/logs'))).not.toHaveProperty('EnvironmentVariables');
  });

  it('the reader does reject a broken plist', () => {
    expect(() => readPlist(renderLaunchdPlist({ nodePath: '/n', cliPath: '/c', configPath: '/c.yaml', environment: {} }, '/logs').replace('</array>', ''))).toThrow(/not a property list/);
  });
});
