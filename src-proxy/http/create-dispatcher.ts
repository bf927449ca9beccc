import { Agent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';
import { ProxyError } from '../errors/proxy-error';

/** Keep-alive sockets to each upstream; connect timeout keeps a dead host from hanging a request. */
const agentOptions = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connect: { timeout: 15_000 } };

/**
 * One dispatcher per distinct outbound proxy (spec 3.8): the credential's `proxy-url` wins, then the
 * global one; `direct`/`none` forces a direct connection. Cached, so sockets are reused across requests.
 */
export class DispatcherPool {
  private readonly dispatchers = new Map<string, Dispatcher>();

  get(credentialProxyUrl: string, globalProxyUrl: string): Dispatcher {
    const effective = resolveProxyUrl(credentialProxyUrl, globalProxyUrl);
    let dispatcher = this.dispatchers.get(effective);
    if (!dispatcher) {
      dispatcher = createDispatcher(effective);
      this.dispatchers.set(effective, dispatcher);
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

function createDispatcher(proxyUrl: string): Dispatcher {
  if (!proxyUrl) return new Agent(agentOptions);
  let protocol: string;
  try {
    protocol = new URL(proxyUrl).protocol;
  } catch {
    throw invalidProxy();
  }
  if (protocol === 'http:' || protocol === 'https:') return new ProxyAgent({ uri: proxyUrl, ...agentOptions });
  if (protocol === 'socks5:' || protocol === 'socks5h:') return new Socks5ProxyAgent(proxyUrl.replace(/^socks5h:/, 'socks5:'));
  throw invalidProxy();
}

/** The proxy URL itself may hold a password, so the message never repeats it. */
function invalidProxy(): ProxyError {
  return new ProxyError({ code: 'PX_INTERNAL', message: 'Unsupported proxy-url scheme (use http, https, socks5 or socks5h).', httpStatus: 500 });
}
