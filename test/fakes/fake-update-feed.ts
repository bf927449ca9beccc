import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';

/** One release as electron-builder publishes it: the installer bytes and the channel file that describes them. */
export interface FakeRelease {
  version: string;
  fileName: string;
  bytes: Buffer;
}

export type FeedMode = 'ok' | 'http-500' | 'not-yaml' | 'wrong-sha512';

export interface FakeUpdateFeed {
  /** http://127.0.0.1:<port>/ : the generic provider's `url`. */
  url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  publish(release: FakeRelease): void;
  setMode(mode: FeedMode): void;
  close(): Promise<void>;
}

/** sha512 in base64, as electron-builder writes it into latest*.yml. */
export function sha512Base64(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/**
 * A generic-provider update feed on 127.0.0.1 (https://www.electron.build/docs/publish, "Generic Server"):
 * `latest.yml`, `latest-mac.yml` and `latest-linux.yml` with version, files (url, sha512, size), path,
 * sha512 and releaseDate, as electron-builder writes them, and the file they name. Modes break it the
 * ways a real feed breaks: a server error, a channel file that is not YAML, bytes that do not match.
 */
export async function startFakeUpdateFeed(): Promise<FakeUpdateFeed> {
  let release: FakeRelease | null = null;
  let mode: FeedMode = 'ok';
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (mode === 'http-500') {
      response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>\n<h1>Internal Server Error</h1>\n</body></html>');
      return;
    }
    if (/^\/latest(-mac|-linux)?\.yml$/.test(path) && release !== null) {
      if (mode === 'not-yaml') {
        response.writeHead(200, { 'content-type': 'text/yaml' }).end('version: [1.2\nfiles: {');
        return;
      }
      const sha512 = mode === 'wrong-sha512' ? sha512Base64(Buffer.from('something else')) : sha512Base64(release.bytes);
      const text = stringify({
        version: release.version,
        files: [{ url: release.fileName, sha512, size: release.bytes.length }],
        path: release.fileName,
        sha512,
        releaseDate: '2026-01-01T00:00:00.000Z',
      });
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(text);
      return;
    }
    if (release !== null && path === `/${release.fileName}`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(release.bytes.length) }).end(release.bytes);
      return;
    }
    response.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    publish: (next) => {
      release = next;
    },
    setMode: (next) => {
      mode = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
