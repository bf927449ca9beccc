/**
 * An engine without client keys is an open proxy to the user's accounts. It may listen on loopback
 * only, unless the user explicitly allows it (`--allow-open`).
 */
export function isLoopbackHost(host: string): boolean {
  const normalized = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return normalized === 'localhost' || normalized === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized);
}

export function openBindRefusal(host: string, apiKeys: readonly string[], allowOpen: boolean): string | null {
  if (apiKeys.length > 0 || allowOpen || isLoopbackHost(host)) return null;
  const shown = host === '' ? 'all interfaces' : host;
  return (
    `Refusing to listen on ${shown} with an empty api-keys list: anyone on the network could use your accounts. ` +
    'Add a key to api-keys in config.yaml, bind 127.0.0.1, or pass --allow-open if you really want an open proxy.'
  );
}
