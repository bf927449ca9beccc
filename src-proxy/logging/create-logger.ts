import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field paths that could carry secrets if someone ever logs a whole object. Request lines never log
 * headers or keys in the first place; this is the second line of defence. No wildcard paths: they
 * make every log call walk every object, and the request line is on the hot path.
 */
const redactedPaths = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'apiKey',
  'api_key',
  'secretKey',
  'token',
  'accessToken',
  'refreshToken',
];

export function createLogger(options: { debug: boolean; destination?: DestinationStream | NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.debug ? 'debug' : 'info',
      base: undefined,
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    options.destination ?? process.stdout,
  );
}
