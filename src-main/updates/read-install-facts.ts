import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCodesignDisplay, type InstallFacts, type MacSignature } from './update-support';

export interface InstallFactsInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  /** process.resourcesPath in Electron (undefined in plain Node). */
  resourcesPath: string | undefined;
  /** app.getPath('exe'): …/CLI Proxy Desktop.app/Contents/MacOS/CLI Proxy Desktop on macOS. */
  exePath: string;
  /** Runs codesign; replaced in tests. */
  runCodesign?(bundle: string): string;
}

/** What updateSupport() needs to know about this install, read from the files and the environment. */
export function readInstallFacts(input: InstallFactsInput): InstallFacts {
  return {
    platform: input.platform,
    isPackaged: input.isPackaged,
    appImage: input.env.APPIMAGE,
    linuxPackageType: input.platform === 'linux' && input.resourcesPath !== undefined ? readPackageType(input.resourcesPath) : null,
    macSignature: input.platform === 'darwin' && input.isPackaged ? readMacSignature(resolve(input.exePath, '..', '..', '..'), input.runCodesign ?? runCodesign) : null,
  };
}

/** electron-builder writes `resources/package-type` ('deb', 'rpm', 'pacman') into Linux packages (electron-updater reads it to pick its updater). */
function readPackageType(resourcesPath: string): string | null {
  try {
    return readFileSync(join(resourcesPath, 'package-type'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function readMacSignature(bundle: string, run: (bundle: string) => string): MacSignature {
  try {
    return parseCodesignDisplay(run(bundle));
  } catch {
    return 'unknown';
  }
}

/** `codesign --display` prints its report on stderr, whether it exits 0 or (unsigned bundle) 1 (codesign(1)). */
function runCodesign(bundle: string): string {
  const result = spawnSync('/usr/bin/codesign', ['--display', '--verbose=2', bundle], { encoding: 'utf8', timeout: 5000 });
  if (result.error !== undefined) throw result.error;
  return result.stderr;
}
