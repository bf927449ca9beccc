import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * The parts of undici the engine needs to start and serve (its dispatchers and error classes), loaded from the
 * files that define them instead of undici's index. The index loads all of undici (fetch, WebSocket, EventSource,
 * the cache and mock agents): 134 ms and 8 MB in a bare node here, against 64 ms and 0.2 MB for these
 * (bench/README.md, "Start time"). They are the index's own classes (the same files, one module cache;
 * undici-lean.test.ts checks it, so an undici upgrade that moves them fails there), and undici is pinned exactly.
 * What uses undici's `request` or `fetch` (the Doctor, the management API's outbound calls, the tunnel's download)
 * loads the index on first use: `loadUndici()`.
 */
const require = createRequire(import.meta.url);

/** Where in node_modules each part is defined (scripts/package-smoke.ts checks the packaged app has them). */
export const undiciStartFiles = {
  Agent: 'undici/lib/dispatcher/agent.js',
  ProxyAgent: 'undici/lib/dispatcher/proxy-agent.js',
  Socks5ProxyAgent: 'undici/lib/dispatcher/socks5-proxy-agent.js',
  errors: 'undici/lib/core/errors.js',
} as const;

export const Agent: typeof Undici.Agent = require(undiciStartFiles.Agent);
export const ProxyAgent: typeof Undici.ProxyAgent = require(undiciStartFiles.ProxyAgent);
export const Socks5ProxyAgent: typeof Undici.Socks5ProxyAgent = require(undiciStartFiles.Socks5ProxyAgent);
export const errors: typeof Undici.errors = require(undiciStartFiles.errors);

/** All of undici (`request`, `fetch`), loaded once on first use. */
export function loadUndici(): Promise<typeof Undici> {
  return import('undici');
}
