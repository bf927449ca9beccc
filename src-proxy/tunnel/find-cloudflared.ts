import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The file name of cloudflared on this platform. */
export function cloudflaredFileName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'cloudflared.exe' : 'cloudflared';
}

/**
 * The cloudflared to run, first found: the configured path, one on PATH, the app's own download.
 * Returns null when there is none (the caller offers the download).
 */
export async function findCloudflared(options: { configured: string; pathEnv: string | undefined; downloaded: string }): Promise<string | null> {
  if (options.configured !== '') return (await isExecutable(options.configured)) ? options.configured : null;
  const name = cloudflaredFileName();
  for (const folder of (options.pathEnv ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return (await isExecutable(options.downloaded)) ? options.downloaded : null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
