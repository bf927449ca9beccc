import { createHash } from 'node:crypto';

/** RequestFinished's client key label format ('key-1a2b3c4d'). */
const labelPattern = /^key-[0-9a-f]{8}$/;

/**
 * CPA keys its usage `apis` by the client API key itself. An import must not store a secret, so a key
 * that is not already a label becomes one: 'key-' + the first 8 hex digits of its SHA-256. This must
 * stay the same function as the pipeline's client key label, so imported and live rows group together.
 */
export function labelImportedClientKey(api: string): string {
  return labelPattern.test(api) ? api : `key-${createHash('sha256').update(api).digest('hex').slice(0, 8)}`;
}
