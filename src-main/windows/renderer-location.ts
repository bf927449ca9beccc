import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the dashboard comes from: the built file, or (unpackaged dev only) the Vite dev server. */
export type RendererLocation = { kind: 'file'; indexFile: string } | { kind: 'dev'; url: string };

/**
 * A packaged app never honours VITE_DEV_SERVER_URL, and only a loopback http URL is accepted:
 * whatever origin we trust here gets the full control API over IPC.
 */
export function resolveRendererLocation(input: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  indexFile: string;
}): RendererLocation {
  const dev = input.isPackaged ? null : parseLoopbackHttpUrl(input.devServerUrl);
  return dev === null ? { kind: 'file', indexFile: resolve(input.indexFile) } : { kind: 'dev', url: dev.href };
}

function parseLoopbackHttpUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url : null;
  } catch {
    return null;
  }
}

/** True only for our own dashboard page: the exact built index.html, or any page of the dev server origin. */
export function isTrustedRendererUrl(url: string | undefined, location: RendererLocation): boolean {
  if (url === undefined || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  return samePath(fileURLToPath(parsed), location.indexFile);
}

function samePath(a: string, b: string): boolean {
  const left = resolve(a);
  const right = resolve(b);
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}
