import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';

/**
 * The client identity Kimi's OAuth server and API see (docs/providers.md#kimi-identity): CLIProxyAPI's, so
 * an account logged in by either app looks the same to Kimi. The version is CLIProxyAPI's release this
 * folder follows.
 */
export const kimiPlatform = 'CLIProxyAPI';
export const kimiClientVersion = '7.2.99';
export const kimiUserAgent = `${kimiPlatform}/${kimiClientVersion}`;

/** What an auth file without a `device_id` sends when kimi-cli has none stored either (as CLIProxyAPI does). */
export const kimiFallbackDeviceId = 'cli-proxy-api-device';

/** Go's names for Node's platform and arch values, as CLIProxyAPI prints them. */
const goOs: Readonly<Record<string, string>> = { win32: 'windows' };
const goArch: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386' };
const loginOsLabel: Readonly<Record<string, string>> = { darwin: 'macOS', windows: 'Windows', linux: 'Linux' };

export interface KimiHost {
  platform: string;
  arch: string;
  hostname: string;
}

export const currentKimiHost: KimiHost = { platform: process.platform, arch: process.arch, hostname: hostname() || 'unknown' };

/** The `X-Msh-*` headers; `model` is the device model of the login (`Linux amd64`) or of the API call (`linux amd64`). */
export function kimiIdentityHeaders(deviceId: string, model: string, host: KimiHost = currentKimiHost): Record<string, string> {
  return {
    'x-msh-platform': kimiPlatform,
    'x-msh-version': kimiClientVersion,
    'x-msh-device-name': host.hostname,
    'x-msh-device-model': model,
    'x-msh-device-id': deviceId,
  };
}

/** What every API call (chat, usage) sends besides the token: CLIProxyAPI's user agent and the identity with the API device model. */
export function kimiApiHeaders(deviceId: string): Record<string, string> {
  return { 'user-agent': kimiUserAgent, ...kimiIdentityHeaders(deviceId, kimiApiDeviceModel()) };
}

/** The device model the login and refresh send: `macOS arm64`, `Linux amd64`, `Windows amd64`. */
export function kimiLoginDeviceModel(host: KimiHost = currentKimiHost): string {
  const os = goOs[host.platform] ?? host.platform;
  return `${loginOsLabel[os] ?? os} ${goArch[host.arch] ?? host.arch}`;
}

/** The device model the API calls send, as kimi-cli writes it: `darwin arm64`, `linux amd64`. */
export function kimiApiDeviceModel(host: KimiHost = currentKimiHost): string {
  return `${goOs[host.platform] ?? host.platform} ${goArch[host.arch] ?? host.arch}`;
}

/**
 * The device id of an auth file without one: kimi-cli's own `device_id` file (`~/.local/share/kimi`,
 * `~/Library/Application Support/kimi`, `%APPDATA%\kimi`), else `cli-proxy-api-device`.
 */
export function kimiCliDeviceId(home: string = homedir(), platform: string = process.platform, environment: NodeJS.ProcessEnv = process.env): string {
  const folder =
    platform === 'darwin' ? join(home, 'Library', 'Application Support', 'kimi') : platform === 'win32' ? join(environment.APPDATA || join(home, 'AppData', 'Roaming'), 'kimi') : join(home, '.local', 'share', 'kimi');
  try {
    return readFileSync(join(folder, 'device_id'), 'utf8').trim() || kimiFallbackDeviceId;
  } catch {
    return kimiFallbackDeviceId;
  }
}
