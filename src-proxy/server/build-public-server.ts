import type { FastifyInstance } from 'fastify';
import { ProxyError } from '../errors/proxy-error';
import { createProxyApp, registerInferenceRoutes } from './create-proxy-app';
import { checkClientKey } from './plugins/client-auth';
import type { Runtime, ServerDeps } from './server-deps';

/** What the public listener's owner decides: which key, how many requests, who is told of activity. */
export interface PublicServerHooks {
  /** The public key checked on every request; null = revoked or expired, and every request is refused. */
  publicKey(): string | null;
  rateLimit: { take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } };
  /** Told about every request that passed the key check (idle timer, counters). */
  onActivity(): void;
}

export interface PublicServerOptions extends PublicServerHooks {
  /** The engine's own server dependencies: same routing, accounts, usage history. */
  deps: ServerDeps;
}

/**
 * The listener a public URL (the tunnel cloudflared runs for Cursor, src-proxy/tunnel/) forwards to.
 * Tunnel traffic arrives from loopback, so the main listener's loopback rules (management from localhost, the control panel) would treat internet callers as local.
 * This one has only the inference routes (no /v0/management, no control panel, no CORS, no health page),
 * accepts only the public URL's own key (never the local `api-keys`), and limits its request rate.
 */
export function buildPublicServer(options: PublicServerOptions): FastifyInstance {
  const deps = publicDeps(options);
  const app = createProxyApp(deps);
  // Every route checks the key again itself; checking here first keeps the rate limit and the idle timer
  // for callers that have the key, and refuses everything when there is none (an empty set means "no auth").
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined) return; // not a route here: the 404 answer, key or not
    const key = options.publicKey();
    if (key === null) {
      throw new ProxyError({ code: 'PX_AUTH_INVALID', message: 'This public URL has no valid key (revoked or expired). Create a new one in the app.', httpStatus: 401 });
    }
    checkClientKey(request, deps.getRuntime().apiKeys);
    options.onActivity();
    const taken = options.rateLimit.take();
    if (!taken.allowed) {
      throw new ProxyError({
        code: 'PX_COOLDOWN',
        message: `The public URL's request limit (tunnel.rate-limit-per-minute) is reached; retry in ${taken.retryAfterSeconds} s.`,
        httpStatus: 429,
        retryable: true,
        retryAfterSeconds: taken.retryAfterSeconds,
      });
    }
  });
  registerInferenceRoutes(app, deps, { websocket: false });
  return app;
}

/**
 * The engine's deps as the public listener sees them: its key set is the public key alone, and its
 * requests are attributed to 'public-<label>' in usage history and the live strip.
 */
function publicDeps(options: PublicServerOptions): ServerDeps {
  const { deps } = options;
  let cached: { base: Runtime; key: string | null; runtime: Runtime } | null = null;
  return {
    ...deps,
    getRuntime: () => {
      const base = deps.getRuntime();
      const key = options.publicKey();
      if (cached?.base !== base || cached.key !== key) {
        // An empty set would mean "no auth": the onRequest hook refuses everything before a route runs then.
        cached = { base, key, runtime: { ...base, apiKeys: new Set(key === null ? [] : [key]) } };
      }
      return cached.runtime;
    },
    onRequestFinished: (event) => deps.onRequestFinished({ ...event, clientKey: event.clientKey === null ? null : `public-${event.clientKey}` }),
  };
}
