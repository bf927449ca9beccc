import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { UpdateSource } from '../../src-main/updates/update-controller';

/** The fields of latest*.yml that electron-updater's generic provider reads to decide and to verify. */
const channelFileSchema = z.object({
  version: z.string().min(1),
  files: z.array(z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative().optional() })).min(1),
});

export interface GenericFeedSourceOptions {
  /** The generic provider's `url` (ends with /). */
  feedUrl: string;
  /** latest.yml (Windows), latest-mac.yml, latest-linux.yml. */
  channelFile: string;
  currentVersion: string;
  downloadDir: string;
  onInstallNow(file: string): void;
}

/**
 * A plain-Node stand-in for electron-updater's generic provider, which cannot run outside Electron (it
 * requests through Electron's `net`): reads the channel file, finds a newer version, downloads the file it
 * names and checks its sha512 like electron-updater does before it will install anything. It lets the
 * update controller's decisions run against a real HTTP feed.
 */
export function createGenericFeedSource(options: GenericFeedSourceOptions): UpdateSource {
  let found: z.infer<typeof channelFileSchema> | null = null;
  let downloaded: string | null = null;
  return {
    async check() {
      const response = await fetch(new URL(options.channelFile, options.feedUrl));
      const text = await response.text();
      if (!response.ok) throw new Error(`Cannot find ${options.channelFile} in the feed (HTTP ${response.status}):\n${text}`);
      found = channelFileSchema.parse(parse(text));
      return compareVersions(found.version, options.currentVersion) > 0 ? { version: found.version } : null;
    },
    async download(onProgress) {
      const file = found?.files[0];
      if (file === undefined) throw new Error('No update found to download.');
      const response = await fetch(new URL(file.url, options.feedUrl));
      if (!response.ok || response.body === null) throw new Error(`Cannot download ${file.url} (HTTP ${response.status})`);
      const total = Number(response.headers.get('content-length') ?? file.size ?? 0);
      const chunks: Buffer[] = [];
      let received = 0;
      for await (const chunk of response.body) {
        chunks.push(Buffer.from(chunk));
        received += chunk.length;
        if (total > 0) onProgress((received / total) * 100);
      }
      const bytes = Buffer.concat(chunks);
      const sha512 = createHash('sha512').update(bytes).digest('base64');
      if (sha512 !== file.sha512) throw new Error(`sha512 checksum mismatch, expected ${file.sha512}, got ${sha512}`);
      downloaded = join(options.downloadDir, file.url);
      await writeFile(downloaded, bytes);
    },
    installNow() {
      if (downloaded !== null) options.onInstallNow(downloaded);
    },
  };
}

/** Release versions x.y.z compared numerically (the feed here never carries prereleases). */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('-')[0]?.split('.').map(Number) ?? [];
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
