import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumFromReleaseNotes, cloudflaredAssetName, downloadCloudflared } from './download-cloudflared';

let folder: string;
let server: Server;
let origin: string;
/** What the local "GitHub" serves: release path -> { asset name -> bytes }, plus the notes' checksums. */
const releases = new Map<string, { assets: Record<string, Buffer>; sums: Record<string, string> }>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cloudflared-download-'));
  server = createServer((request, response) => {
    const [, kind, release, asset] = (request.url ?? '').split('/');
    const entry = releases.get(release ?? '');
    if (!entry) return void response.writeHead(404).end();
    if (kind === 'release') {
      const body = `Changes\n\n### SHA256 Checksums:\n\`\`\`\n${Object.entries(entry.sums).map(([name, sum]) => `${name}: ${sum}`).join('\n')}\n\`\`\`\n`;
      const assets = Object.entries(entry.assets).map(([name, bytes]) => ({ name, size: bytes.length, browser_download_url: `${origin}/asset/${release}/${name}` }));
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tag_name: '2099.1.0', body, assets }));
    }
    const bytes = entry.assets[asset ?? ''];
    if (!bytes) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(folder, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = Buffer.from('#!/bin/sh\necho fake cloudflared\n');

describe('downloadCloudflared', () => {
  it('installs the asset for this platform when its SHA-256 matches the release notes, executable, reporting progress', async () => {
    releases.set('good', { assets: { 'cloudflared-linux-amd64': binary }, sums: { 'cloudflared-linux-amd64': sha256(binary) } });
    const destination = join(folder, 'good', 'bin', 'cloudflared');
    const progress: number[] = [];
    const installed = await downloadCloudflared({ releaseUrl: `${origin}/release/good`, destination, platform: 'linux', arch: 'x64', onProgress: (step) => progress.push(step.receivedBytes) });
    expect(installed).toEqual({ path: destination, version: '2099.1.0' });
    expect(await readFile(destination)).toEqual(binary);
    await access(destination, constants.X_OK);
    expect((await stat(destination)).mode & 0o777).toBe(0o755);
    expect(progress.at(-1)).toBe(binary.length);
  });

  it('refuses a download whose SHA-256 does not match, and keeps nothing', async () => {
    releases.set('tampered', { assets: { 'cloudflared-linux-amd64': binary }, sums: { 'cloudflared-linux-amd64': sha256(Buffer.from('something else')) } });
    const bin = join(folder, 'tampered', 'bin');
    await mkdir(bin, { recursive: true });
    const attempt = downloadCloudflared({ releaseUrl: `${origin}/release/tampered`, destination: join(bin, 'cloudflared'), platform: 'linux', arch: 'x64', onProgress: () => undefined });
    await expect(attempt).rejects.toThrow(/does not match its published SHA-256.*not kept/);
    expect(await readdir(bin)).toEqual([]);
  });

  it('refuses a release that lists no checksum for the asset', async () => {
    releases.set('unlisted', { assets: { 'cloudflared-linux-amd64': binary }, sums: {} });
    const destination = join(folder, 'unlisted', 'cloudflared');
    await expect(downloadCloudflared({ releaseUrl: `${origin}/release/unlisted`, destination, platform: 'linux', arch: 'x64', onProgress: () => undefined })).rejects.toThrow(/lists no SHA-256/);
    await expect(access(destination)).rejects.toThrow();
  });

  it('says so when the release cannot be reached (never hangs)', async () => {
    await expect(downloadCloudflared({ releaseUrl: 'http://127.0.0.1:1/release', destination: join(folder, 'x'), platform: 'linux', arch: 'x64', onProgress: () => undefined })).rejects.toThrow(/Could not reach GitHub/);
  });

  it("unpacks macOS's .tgz after verifying the archive", async () => {
    const work = join(folder, 'tgz');
    await mkdir(work, { recursive: true });
    await writeFile(join(work, 'cloudflared'), binary, { mode: 0o755 });
    execFileSync('tar', ['-czf', join(work, 'asset.tgz'), '-C', work, 'cloudflared']);
    const archive = await readFile(join(work, 'asset.tgz'));
    releases.set('mac', { assets: { 'cloudflared-darwin-arm64.tgz': archive }, sums: { 'cloudflared-darwin-arm64.tgz': sha256(archive) } });
    const destination = join(work, 'out', 'cloudflared');
    await downloadCloudflared({ releaseUrl: `${origin}/release/mac`, destination, platform: 'darwin', arch: 'arm64', onProgress: () => undefined });
    expect(await readFile(destination)).toEqual(binary);
  });
});

describe('release facts', () => {
  it('names the official asset per platform, and none where cloudflared publishes none', () => {
    expect(cloudflaredAssetName('linux', 'x64')).toBe('cloudflared-linux-amd64');
    expect(cloudflaredAssetName('linux', 'arm64')).toBe('cloudflared-linux-arm64');
    expect(cloudflaredAssetName('darwin', 'x64')).toBe('cloudflared-darwin-amd64.tgz');
    expect(cloudflaredAssetName('win32', 'x64')).toBe('cloudflared-windows-amd64.exe');
    expect(cloudflaredAssetName('freebsd', 'x64')).toBeNull();
  });

  it('reads one asset checksum from the notes, not a similarly named one', () => {
    const notes = 'SHA256 Checksums:\n```\ncloudflared-linux-amd64.deb: ' + 'a'.repeat(64) + '\ncloudflared-linux-amd64: ' + 'B'.repeat(64) + '\n```';
    expect(checksumFromReleaseNotes(notes, 'cloudflared-linux-amd64')).toBe('b'.repeat(64));
    expect(checksumFromReleaseNotes(notes, 'cloudflared-linux-arm64')).toBeNull();
  });
});
