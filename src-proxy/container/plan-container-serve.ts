import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureConfigFile } from '../config/create-default-config';
import type { EnvironmentSettings } from '../config/environment-settings';
import { formatConfigProblems, loadConfigFile } from '../config/load-config';

/** Where the image looks for config.yaml (README "Run headless" shows the matching `docker run -v` lines). */
export interface ContainerLayout {
  /** The guide's mount: `-v ./config.yaml:/CLIProxyAPI/config.yaml` (used when present). */
  guideConfig: string;
  /** Our volume: config.yaml and, on a first run, `auths/` are created here. */
  dataDir: string;
}

export const IMAGE_LAYOUT: ContainerLayout = { guideConfig: '/CLIProxyAPI/config.yaml', dataDir: '/data' };

/** Inside a container, `-p 8317:8317` reaches only a listener on every interface. */
const ALL_INTERFACES = '0.0.0.0';

export interface ContainerPlan {
  configPath: string;
  host: string;
  /** The client key of a config.yaml this run created (to print once), else null. */
  createdApiKey: string | null;
}

/**
 * The image's entrypoint logic (`cliproxy container`), plain Node so it is tested without Docker:
 * config path CLIPROXY_CONFIG > the guide's /CLIProxyAPI/config.yaml when mounted > /data/config.yaml,
 * created with a random client key on first run; host CLIPROXY_HOST > every interface, but only when
 * `api-keys` is set (an open proxy is refused). The auth dir needs no choice here: CLIPROXY_AUTH_DIR wins
 * (as everywhere), else the file's `auth-dir`; the image sets HOME=/root so the guide's
 * `~/.cli-proxy-api` is its `/root/.cli-proxy-api` mount, and a first-run config names /data/auths.
 */
export async function planContainerServe(environment: NodeJS.ProcessEnv, settings: EnvironmentSettings, layout: ContainerLayout = IMAGE_LAYOUT): Promise<ContainerPlan | { error: string }> {
  const guide = await kindOf(layout.guideConfig);
  if (settings.configPath === undefined && guide === 'folder') {
    return { error: `${layout.guideConfig} is a folder, not a file: Docker creates one when the host file given to -v does not exist. Create the config file on the host first, or mount a folder at ${layout.dataDir} instead.` };
  }
  const configPath = settings.configPath ?? (guide === 'file' ? layout.guideConfig : join(layout.dataDir, 'config.yaml'));
  let created;
  try {
    created = await ensureConfigFile(configPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    return { error: `Cannot create ${configPath} (${code}): the mounted folder must be writable by the image's user, uid 1000 (on the host: mkdir the folder before the first run, or chown 1000 it).` };
  }
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return { error: formatConfigProblems(loaded.problems, configPath) };
  const chosenHost = (environment.CLIPROXY_HOST ?? '').trim();
  if (chosenHost !== '') return { configPath, host: chosenHost, createdApiKey: created.apiKey };
  if (loaded.config.apiKeys.length === 0) {
    return {
      error:
        `${configPath} has no api-keys. Inside a container the proxy must listen on every interface to be reachable, and without a client key that is an open proxy to your accounts. ` +
        'Add a key to api-keys (a first run writes one), or set CLIPROXY_HOST=127.0.0.1 to stay reachable only inside the container.',
    };
  }
  return { configPath, host: ALL_INTERFACES, createdApiKey: created.apiKey };
}

/** The first lines `cliproxy container` prints: which file it serves, and a created key once. */
export function describeContainerPlan(plan: ContainerPlan): string {
  const lines = [`config: ${plan.configPath}`, `host: ${plan.host}`];
  if (plan.createdApiKey !== null) lines.push(`Created ${plan.configPath}`, `API key:  ${plan.createdApiKey}`, '(the key is shown once; it is stored in the config file)');
  return `${lines.join('\n')}\n`;
}

async function kindOf(path: string): Promise<'file' | 'folder' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
