import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { loadUndici } from '../http/undici-lean';
import { extractTarEntry } from './extract-tar-entry';

/** GitHub's "latest release" of cloudflare/cloudflared (https://docs.github.com/en/rest/releases/releases#get-the-latest-release). */
export const CLOUDFLARED_LATEST_RELEASE = 'https://api.github.com/repos/cloudflare/cloudflared/releases/latest';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
}

export interface DownloadOptions {
  /** Release metadata URL (tests: a local server). */
  releaseUrl: string;
  /** Where the binary ends up (the app's data folder). */
  destination: string;
  platform: NodeJS.Platform;
  arch: string;
  dispatcher?: Dispatcher | undefined;
  onProgress(progress: DownloadProgress): void;
  signal?: AbortSignal | undefined;
}

const releaseSchema = z.object({
  tag_name: z.string(),
  body: z.string().nullable(),
  assets: z.array(z.object({ name: z.string(), browser_download_url: z.string(), size: z.number().optional() })),
});

/**
 * The official release asset for this platform, as cloudflared's releases name them
 * (https://github.com/cloudflare/cloudflared/releases). macOS ships a .tgz holding the binary.
 */
export function cloudflaredAssetName(platform: NodeJS.Platform, arch: string): string | null {
  const linux: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };
  if (platform === 'linux' && linux[arch]) return `cloudflared-linux-${linux[arch]}`;
  if (platform === 'darwin' && (arch === 'x64' || arch === 'arm64')) return `cloudflared-darwin-${arch === 'x64' ? 'amd64' : 'arm64'}.tgz`;
  if (platform === 'win32' && (arch === 'x64' || arch === 'ia32')) return `cloudflared-windows-${arch === 'x64' ? 'amd64' : '386'}.exe`;
  return null;
}

/**
 * The SHA-256 of one asset from a cloudflared release's notes. Every release body has a
 * "SHA256 Checksums:" block of `<asset>: <64 hex>` lines. We read it from the release metadata rather
 * than pinning hashes in code, so a new cloudflared works without an app update. This catches a
 * corrupted, truncated or substituted download (the asset is served by a different host than the API);
 * it does not protect against a compromised cloudflare/cloudflared release itself.
 */
export function checksumFromReleaseNotes(body: string, asset: string): string | null {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*([\w.-]+)\s*:\s*([0-9a-f]{64})\s*$/i.exec(line);
    if (match && match[1] === asset) return (match[2] ?? '').toLowerCase();
  }
  return null;
}

/**
 * Downloads the latest official cloudflared for this platform, verifies its SHA-256 against the
 * release notes and installs it at `destination` (0755). On any failure nothing is kept: the download
 * lives in a temp file beside the destination until it is verified.
 */
export async function downloadCloudflared(options: DownloadOptions): Promise<{ path: string; version: string }> {
  const asset = cloudflaredAssetName(options.platform, options.arch);
  if (asset === null) throw new Error(`cloudflared publishes no build for ${options.platform}/${options.arch}. Install it yourself and set tunnel.cloudflared-path.`);
  const release = await fetchRelease(options);
  const entry = release.assets.find((candidate) => candidate.name === asset);
  if (!entry) throw new Error(`cloudflared ${release.tag_name} has no asset ${asset}.`);
  const expected = checksumFromReleaseNotes(release.body ?? '', asset);
  if (expected === null) throw new Error(`cloudflared ${release.tag_name} lists no SHA-256 for ${asset}; not installing an unverified binary.`);
  const bytes = await fetchAsset(entry.browser_download_url, entry.size ?? null, options);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) throw new Error(`The downloaded ${asset} does not match its published SHA-256 (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…); it was not kept.`);
  const binary = asset.endsWith('.tgz') ? extractTarEntry(gunzipSync(bytes), 'cloudflared') : bytes;
  if (binary === null) throw new Error(`${asset} holds no cloudflared binary.`);
  await install(binary, options.destination);
  return { path: options.destination, version: release.tag_name };
}

async function fetchRelease(options: DownloadOptions): Promise<z.infer<typeof releaseSchema>> {
  const { fetch } = await loadUndici();
  const response = await fetch(options.releaseUrl, {
    headers: { accept: 'application/vnd.github+json', 'user-agent': 'cli-proxy-desktop' },
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    throw new Error(`Could not reach GitHub for the cloudflared release (${describe(error)}). Check the network or proxy-url, or install cloudflared yourself.`);
  });
  if (!response.ok) throw new Error(`GitHub answered ${response.status} for the cloudflared release.`);
  const parsed = releaseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error('GitHub sent cloudflared release data this app does not understand.');
  return parsed.data;
}

async function fetchAsset(url: string, size: number | null, options: DownloadOptions): Promise<Buffer> {
  const { fetch } = await loadUndici();
  const response = await fetch(url, {
    headers: { 'user-agent': 'cli-proxy-desktop' },
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    throw new Error(`The cloudflared download failed (${describe(error)}).`);
  });
  if (!response.ok || !response.body) throw new Error(`The cloudflared download failed: HTTP ${response.status}.`);
  const header = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(header) && header > 0 ? header : size;
  const chunks: Buffer[] = [];
  let receivedBytes = 0;
  for await (const chunk of response.body) {
    const buffer = Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    receivedBytes += buffer.length;
    options.onProgress({ receivedBytes, totalBytes });
  }
  return Buffer.concat(chunks);
}

async function install(binary: Buffer, destination: string): Promise<void> {
  await mkdir(dirname(destination), { recursive: true, mode: 0o700 });
  const temp = join(dirname(destination), `.cloudflared-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, binary, { mode: 0o755 });
    await chmod(temp, 0o755);
    await rename(temp, destination);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}
