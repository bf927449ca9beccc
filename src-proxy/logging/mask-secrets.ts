/**
 * Secret masking for request-log files (request-log files, docs/config.md#request-log-files, hold whole requests, so every key must go before a
 * byte is written). Header values of known credential headers, `?key=`-style URL parameters, `Bearer`
 * tokens and every literal secret the engine knows (client keys, upstream keys, the management secret)
 * become a short masked form that still tells two keys apart: `sk-a...9z`.
 */
export interface SecretMasker {
  headers(headers: Readonly<Record<string, string | string[] | number | undefined>>): Record<string, string>;
  url(url: string): string;
  /** Any text: bodies, URLs, header lines. */
  text(text: string): string;
}

/** Header names whose whole value is a credential (lower-case). */
const secretHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'x-management-key',
  'cookie',
  'set-cookie',
]);

/** URL parameters that carry keys or tokens (CPA accepts `?key=` and `?auth_token=` as client keys). */
const secretParameters = /([?&](?:key|api_key|api-key|auth_token|access_token|token)=)([^&#\s"'\\]+)/gi;
const bearerToken = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]+)/gi;
/** Shorter literals are not masked as free text: they would match ordinary words. */
const minimumLiteralLength = 6;

export function maskSecret(secret: string): string {
  if (secret.length < 12) return '***';
  return `${secret.slice(0, 4)}...${secret.slice(-2)}`;
}

export function createSecretMasker(secrets: Iterable<string>): SecretMasker {
  const literals = [...new Set([...secrets].filter((secret) => secret.length >= minimumLiteralLength))].sort((a, b) => b.length - a.length);
  const literalPattern = literals.length > 0 ? new RegExp(literals.map(escapeRegExp).join('|'), 'g') : null;
  const text = (value: string): string => {
    let masked = literalPattern ? value.replace(literalPattern, maskSecret) : value;
    masked = masked.replace(bearerToken, (_match, label: string, token: string) => `${label}${alreadyMasked(token) ? token : maskSecret(token)}`);
    return masked.replace(secretParameters, (_match, label: string, token: string) => `${label}${alreadyMasked(token) ? token : maskSecret(token)}`);
  };
  return {
    text,
    url: text,
    headers(headers) {
      const masked: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) continue;
        const joined = Array.isArray(value) ? value.join(', ') : String(value);
        masked[name] = secretHeaders.has(name.toLowerCase()) ? maskHeaderValue(joined) : text(joined);
      }
      return masked;
    },
  };
}

/** Keeps the scheme word of `Bearer x` / `Basic x` so the log still says how the caller authenticated. */
function maskHeaderValue(value: string): string {
  const scheme = /^(\w+)\s+(\S.*)$/.exec(value);
  return scheme ? `${scheme[1]} ${maskSecret(scheme[2] as string)}` : maskSecret(value);
}

function alreadyMasked(token: string): boolean {
  return token === '***' || /^.{4}\.\.\..{2}$/.test(token);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
