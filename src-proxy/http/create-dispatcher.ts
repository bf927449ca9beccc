import type { Dispatcher } from 'undici';
import { CONFIG_DEFAULTS } from '../config/config-defaults';
import { ProxyError } from '../errors/proxy-error';
import { Agent, ProxyAgent, Socks5ProxyAgent } from './undici-lean';

/** Keep-alive sockets to each upstream; connect timeout keeps a dead host from hanging a request. */
const agentOptions = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connect: { timeout: 15_000 } };

/**
 * The idle limit (`streaming.upstream-idle-timeout-seconds`) as undici's headers and body timeouts: an
 * upstream that sends nothing for this long fails the attempt. A body paused by our own backpressure
 * (a slow client) does not count: undici only runs the body timer while reading. 0 = no limit.
 */
function idleTimeouts(idleTimeoutSeconds: number): { headersTimeout: number; bodyTimeout: number } {
  const milliseconds = idleTimeoutSeconds * 1000;
  return { headersTimeout: milliseconds, bodyTimeout: milliseconds };
}

/**
 * One dispatcher per distinct outbound proxy (docs/config.md#outbound-proxy): the credential's `proxy-url` wins, then the
 * global one; `direct`/`none` forces a direct connection. Cached, so sockets are reused across requests.
 */
export class DispatcherPool {
  private readonly dispatchers = new Map<string, Dispatcher>();

  /** `idleTimeoutSeconds` is read per call, so a config reload applies to the next request. */
  constructor(private readonly idleTimeoutSeconds: () => number = () => CONFIG_DEFAULTS.upstreamIdleTimeoutSeconds) {}

  get(credentialProxyUrl: string, globalProxyUrl: string): Dispatcher {
    const effective = resolveProxyUrl(credentialProxyUrl, globalProxyUrl);
    const idle = this.idleTimeoutSeconds();
    const key = `${idle} ${effective}`;
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = createDispatcher(effective, idle);
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.allSettled(all.map((dispatcher) => dispatcher.close()));
  }
}

export function resolveProxyUrl(credentialProxyUrl: string, globalProxyUrl: string): string {
  const own = credentialProxyUrl.trim().toLowerCase();
  if (own === 'direct' || own === 'none') return '';
  return credentialProxyUrl.trim() || globalProxyUrl.trim();
}

function createDispatcher(proxyUrl: string, idleTimeoutSeconds: number): Dispatcher {
  const options = { ...agentOptions, ...idleTimeouts(idleTimeoutSeconds) };
  if (!proxyUrl) return new Agent(options);
  let protocol: string;
  try {
    protocol = new URL(proxyUrl).protocol;
  } catch {
    throw invalidProxy();
  }
  if (protocol === 'http:' || protocol === 'https:') return new ProxyAgent({ uri: proxyUrl, ...options });
  if (protocol === 'socks5:' || protocol === 'socks5h:') return new Socks5ProxyAgent(proxyUrl.replace(/^socks5h:/, 'socks5:'), idleTimeouts(idleTimeoutSeconds));
  throw invalidProxy();
}

/** The proxy URL itself may hold a password, so the message never repeats it. */
function invalidProxy(): ProxyError {
  return new ProxyError({ code: 'PX_INTERNAL', message: 'Unsupported proxy-url scheme (use http, https, socks5 or socks5h).', httpStatus: 500 });
}
